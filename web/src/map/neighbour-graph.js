// The exact k nearest neighbours of every row by cosine similarity, the
// graph the 2-D map is laid out from: the same neighbours "Similar movies"
// lists (cosine of the factor vectors), so the map keeps exactly those near.
//
// cos(a, b) = a·b / (‖a‖‖b‖): the rows are normalised once, then every pair's
// dot product is computed once (the matrix is symmetric) and offered to both
// rows' top-k lists. Four rows at a time share each load of the other row.
//
// weights (optional, one per row): the Similar step's shrinkage, n / (n + β)
// with n the row's users (cpp/queries/item_support.h): row i ranks j by
// cos(i, j) · weights[j], so the map keeps near what "Similar movies" lists.

// values: Float32Array rows × factors (row-major). -> { indices, distances }:
// Int32Array / Float32Array rows × k, best first; a row's first neighbour is
// itself (distance 0), as UMAP expects. distance = 1 − cosine.
export function cosineNeighbours(values, rows, factors, k, { onProgress, weights = null } = {}) {
  const unit = normalisedRows(values, rows, factors);
  const top = new TopK(rows, k, weights);
  for (let i = 0; i < rows; i++) top.offer(i, i, Infinity); // itself first
  const f = factors;
  let reported = 0;
  for (let i = 0; i < rows; i += 4) {
    const m = Math.min(4, rows - i);
    const p0 = i * f;
    const p1 = (i + Math.min(1, m - 1)) * f;
    const p2 = (i + Math.min(2, m - 1)) * f;
    const p3 = (i + Math.min(3, m - 1)) * f;
    // Pairs inside the block of four.
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        const s = dot(unit, (i + a) * f, (i + b) * f, f);
        top.offer(i + a, i + b, s);
        top.offer(i + b, i + a, s);
      }
    }
    for (let j = i + m; j < rows; j++) {
      const pj = j * f;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let q = 0; q < f; q++) {
        const y = unit[pj + q];
        s0 += unit[p0 + q] * y;
        s1 += unit[p1 + q] * y;
        s2 += unit[p2 + q] * y;
        s3 += unit[p3 + q] * y;
      }
      top.offer(i, j, s0);
      top.offer(j, i, s0);
      if (m > 1) {
        top.offer(i + 1, j, s1);
        top.offer(j, i + 1, s1);
      }
      if (m > 2) {
        top.offer(i + 2, j, s2);
        top.offer(j, i + 2, s2);
      }
      if (m > 3) {
        top.offer(i + 3, j, s3);
        top.offer(j, i + 3, s3);
      }
    }
    // Work done so far: the pairs (i', j > i') for i' < i + 4.
    if (onProgress && i - reported >= 256) {
      reported = i;
      const done = i + m;
      onProgress(1 - ((rows - done) / rows) ** 2);
    }
  }
  return top.result();
}

// A slow, readable reference for the tests: every pair, a full sort per row.
export function cosineNeighboursReference(values, rows, factors, k, { weights = null } = {}) {
  const unit = normalisedRows(values, rows, factors);
  const indices = new Int32Array(rows * k);
  const distances = new Float32Array(rows * k);
  for (let i = 0; i < rows; i++) {
    const order = [];
    for (let j = 0; j < rows; j++)
      order.push([j, j === i ? Infinity : dot(unit, i * factors, j * factors, factors) * (weights ? weights[j] : 1)]);
    order.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (let r = 0; r < k && r < rows; r++) {
      indices[i * k + r] = order[r][0];
      distances[i * k + r] = order[r][0] === i ? 0 : Math.max(0, 1 - order[r][1]);
    }
  }
  return { indices, distances };
}

function normalisedRows(values, rows, factors) {
  const unit = new Float64Array(rows * factors);
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let q = 0; q < factors; q++) norm += values[i * factors + q] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0; // a zero vector is alike to nothing (cosine 0)
    for (let q = 0; q < factors; q++) unit[i * factors + q] = values[i * factors + q] * scale;
  }
  return unit;
}

function dot(unit, a, b, f) {
  let s = 0;
  for (let q = 0; q < f; q++) s += unit[a + q] * unit[b + q];
  return s;
}

// Each row's k best (similarity, index) so far, kept sorted, best first;
// ties go to the smaller index so the result does not depend on the order
// pairs are offered in.
class TopK {
  constructor(rows, k, weights) {
    this.k = k;
    this.weights = weights; // offer(row, j, s) ranks j by s · weights[j]
    this.index = new Int32Array(rows * k).fill(-1);
    this.score = new Float64Array(rows * k).fill(-Infinity);
    this.worst = new Float64Array(rows).fill(-Infinity); // the k-th best so far
    this.worstIndex = new Int32Array(rows).fill(-1);
  }

  offer(row, j, cosine) {
    const s = this.weights && cosine !== Infinity ? cosine * this.weights[j] : cosine;
    if (s < this.worst[row] || (s === this.worst[row] && (this.worstIndex[row] < 0 || j > this.worstIndex[row])))
      return;
    const base = row * this.k;
    let p = this.k - 1;
    while (p > 0) {
      const above = this.score[base + p - 1];
      if (above > s || (above === s && this.index[base + p - 1] < j)) break;
      this.score[base + p] = above;
      this.index[base + p] = this.index[base + p - 1];
      p--;
    }
    this.score[base + p] = s;
    this.index[base + p] = j;
    this.worst[row] = this.score[base + this.k - 1];
    this.worstIndex[row] = this.index[base + this.k - 1];
  }

  result() {
    const distances = new Float32Array(this.score.length);
    for (let x = 0; x < this.score.length; x++) {
      const s = this.score[x];
      distances[x] = s === Infinity ? 0 : Math.max(0, 1 - s);
    }
    return { indices: this.index, distances };
  }
}
