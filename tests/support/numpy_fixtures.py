"""Fixtures for tests/implicit_model_test.cpp, written with numpy the way
implicit and notebooks write them (run by the test itself, never committed
output).

  numpy_fixtures.py models OURS.npz IDS.csv RATINGS.csv OUT    implicit-layout .npz files
  numpy_fixtures.py bad OURS.npz OUT                           broken models, one per defect

`models` reads our export exactly as implicit's load() does (np.load with
allow_pickle=False, 0-d arrays to Python scalars, dtype to np.dtype), renumbers
its rows by each convention (raw id, sorted ids, first appearance in the
ratings file among ratings >= 3, as pandas' unique() gives), saves float32 and
float64 copies with the keys of implicit 0.7's save(), and writes
expected.csv: for three users, the top 10 computed here from the factors
(liked items filtered out), and our export's own top 10 (implicit's
model.recommend with filter_already_liked_items)."""
import csv
import sys

import numpy as np


def implicit_load(path):
    # implicit.recommender_base.RecommenderBase.load, attribute by attribute
    attrs = {}
    with np.load(path, allow_pickle=False) as data:
        for k, v in data.items():
            if k == "dtype":
                v = np.dtype(str(v))
            elif v.shape == ():
                v = v.item()
            attrs[k] = v
    return attrs


def save_implicit(path, X, Y, model, dtype):
    np.savez(path, user_factors=X.astype(dtype), item_factors=Y.astype(dtype),
             regularization=model["regularization"], factors=X.shape[1],
             num_threads=0, iterations=model["iterations"], use_native=True,
             use_cg=True, cg_steps=3, calculate_training_loss=False,
             dtype=np.dtype(dtype).name, random_state=42, alpha=model["alpha"])


def top(X_row, Y, exclude, n=10):
    scores = Y @ X_row
    scores[list(exclude)] = -np.inf
    return list(np.argsort(-scores, kind="stable")[:n])


def models(ours, ids_csv, ratings_csv, out):
    model = implicit_load(ours)
    assert model["dtype"] == np.float32 and model["user_factors"].dtype == np.float32
    assert model["user_factors"].flags["C_CONTIGUOUS"]
    X, Y = model["user_factors"], model["item_factors"]
    users, items = [], []
    with open(ids_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            (users if row["side"] == "user" else items).append(row["id"])
    assert len(users) == X.shape[0] and len(items) == Y.shape[0]
    kept = []
    with open(ratings_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if float(row["rating"]) >= 3:
                kept.append((row["userId"], row["movieId"]))
    liked = {}
    for u, i in kept:
        liked.setdefault(u, set()).add(i)
    first_users = list(dict.fromkeys(u for u, _ in kept))
    first_items = list(dict.fromkeys(i for _, i in kept))
    assert sorted(first_users, key=int) == users, "our rows are in sorted id order"
    assert sorted(first_items, key=int) == items
    assert first_items != items, "the fixture needs items whose first appearance is not sorted"
    our_row_user = {u: k for k, u in enumerate(users)}
    our_row_item = {i: k for k, i in enumerate(items)}
    orders = {"sorted": (users, items), "first-seen": (first_users, first_items)}
    probe = [users[0], users[len(users) // 2], users[-1]]
    with open(f"{out}/expected.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "user", "items"])
        for convention in ["raw", "sorted", "first-seen"]:
            if convention == "raw":
                Xc = np.zeros((max(int(u) for u in users) + 1, X.shape[1]), np.float32)
                Yc = np.zeros((max(int(i) for i in items) + 1, Y.shape[1]), np.float32)
                for u in users:
                    Xc[int(u)] = X[our_row_user[u]]
                for i in items:
                    Yc[int(i)] = Y[our_row_item[i]]
                user_row = {u: int(u) for u in users}
                item_of_row = {int(i): i for i in items}
                valid = np.zeros(Yc.shape[0], bool)
                valid[[int(i) for i in items]] = True
            else:
                u_order, i_order = orders[convention]
                Xc = X[[our_row_user[u] for u in u_order]]
                Yc = Y[[our_row_item[i] for i in i_order]]
                user_row = {u: k for k, u in enumerate(u_order)}
                item_of_row = dict(enumerate(i_order))
                valid = np.ones(Yc.shape[0], bool)
            row_of_item = {i: r for r, i in item_of_row.items()}
            for dtype in ["float32", "float64"]:
                name = f"{convention}-{dtype}.npz"
                save_implicit(f"{out}/{name}", Xc, Yc, model, dtype)
                Xd, Yd = Xc.astype(dtype), Yc.astype(dtype)
                for u in probe:
                    exclude = {row_of_item[i] for i in liked[u]} | set(np.flatnonzero(~valid))
                    w.writerow([name, u, " ".join(item_of_row[r] for r in top(Xd[user_row[u]], Yd, exclude))])
        # implicit's model.recommend(userid, user_items[userid]) on our export itself
        for u in probe:
            exclude = {our_row_item[i] for i in liked[u]}
            w.writerow(["ours", u, " ".join(items[r] for r in top(X[our_row_user[u]], Y, exclude))])


def bad(ours, out):
    model = implicit_load(ours)
    X, Y = model["user_factors"], model["item_factors"]
    save = lambda name, **kw: np.savez(f"{out}/{name}.npz", **kw)
    save("pickled", user_factors=X, item_factors=Y, random_state=np.array([{"seed": 1}], dtype=object))
    save("int-factors", user_factors=X.astype(np.int64), item_factors=Y)
    save("mismatched-factors", user_factors=X, item_factors=np.hstack([Y, Y[:, :1]]))
    Yn = Y.copy()
    Yn[5, 3] = np.nan
    save("nan", user_factors=X, item_factors=Yn)
    save("no-convention", user_factors=X[:7], item_factors=Y)
    save("bpr", user_factors=np.hstack([X, np.ones((X.shape[0], 1), np.float32)]), item_factors=np.hstack([Y, Y[:, :1]]),
         factors=X.shape[1], learning_rate=0.01)
    save("no-factors", K=20)
    # A member whose header promises more rows than it holds.
    import zipfile
    with zipfile.ZipFile(f"{out}/short-member.npz", "w") as z:
        z.writestr("user_factors.npy", _npy_bytes(X))
        z.writestr("item_factors.npy", _npy_bytes(Y)[:-40])


def _npy_bytes(a):
    import io
    buffer = io.BytesIO()
    np.save(buffer, a)
    return buffer.getvalue()


if __name__ == "__main__":
    if sys.argv[1] == "models":
        models(*sys.argv[2:6])
    elif sys.argv[1] == "bad":
        bad(*sys.argv[2:4])
    else:
        sys.exit("usage: numpy_fixtures.py models|bad ...")
