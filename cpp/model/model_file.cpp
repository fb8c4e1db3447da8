#include "model/model_file.h"

#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

#include <map>
#include <optional>

#include "als/als_trainer.h"
#include "model/binary_io.h"
#include "models/als_recommender_model.h"
#include "models/model_sections.h"

namespace als {

namespace binary {
uint32_t crc32(std::string_view bytes) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}
}  // namespace binary

ModelFileError corrupt_model_file(const std::string& detail) {
  return ModelFileError("model file is corrupt: " + detail, FaultCode{"model.corrupt"}.text("detail", detail));
}

namespace {

constexpr char kMagic[8] = {'A', 'L', 'S', 'M', 'O', 'D', 'E', 'L'};
constexpr uint64_t kMaxCount = uint64_t(1) << 34;

constexpr uint32_t tag(const char (&name)[5]) {
  return uint32_t(uint8_t(name[0])) | uint32_t(uint8_t(name[1])) << 8 | uint32_t(uint8_t(name[2])) << 16 |
         uint32_t(uint8_t(name[3])) << 24;
}
constexpr uint32_t kConfig = tag("CONF"), kWeights = tag("WGHT"), kLoss = tag("LOSS"), kUserFactors = tag("XUSR"),
                   kItemFactors = tag("YITM"), kUsers = tag("USRS"), kItems = tag("ITMS"), kTitles = tag("TITL"),
                   kGenres = tag("GENR"), kInteractions = tag("INTR"), kDataInfo = tag("DATA"),
                   kFormulation = tag("FORM"), kOrigin = tag("ORIG"), kKind = tag("KIND"), kSettings = tag("SETS");

std::string tag_name(uint32_t t) {
  std::string s(4, ' ');
  for (int k = 0; k < 4; ++k) {
    const char c = static_cast<char>((t >> (8 * k)) & 0xFF);
    s[k] = (c >= 32 && c < 127) ? c : '?';
  }
  return s;
}

template <class T>
bool all_finite(const T* values, size_t count) {
  for (size_t k = 0; k < count; ++k)
    if (!std::isfinite(values[k])) return false;
  return true;
}

}  // namespace

namespace binary {
void put_factors(Writer& w, const FactorMatrix& m) {
  w.put<uint64_t>(static_cast<uint64_t>(m.rows()));
  w.put<uint32_t>(static_cast<uint32_t>(m.factors()));
  for (int64_t r = 0; r < m.rows(); ++r) w.put_bytes(m.row(r), sizeof(float) * m.factors());
}

FactorMatrix get_factors(Reader& r) {
  const uint64_t rows = r.get<uint64_t>();
  const uint32_t factors = r.get<uint32_t>();
  if (factors == 0 || factors > 1024 || rows > (uint64_t(1) << 31) || rows * factors * 4 > r.remaining())
    throw corrupt_model_file("factor matrix of " + std::to_string(rows) + " x " + std::to_string(factors) +
                             " does not fit the file");
  FactorMatrix m(static_cast<int64_t>(rows), static_cast<int>(factors));
  for (uint64_t row = 0; row < rows; ++row) {
    const std::string_view bytes = r.get_bytes(sizeof(float) * factors);
    std::memcpy(m.row(static_cast<int64_t>(row)), bytes.data(), bytes.size());
  }
  // A NaN or an infinity would reach every score computed from it, and so
  // would values so large that the Gram matrix (Σ y²) overflows a float.
  if (!all_finite(m.data(), m.size())) throw corrupt_model_file("factor values are not finite");
  for (int k = 0; k < m.factors(); ++k) {
    double squares = 0;
    for (int64_t row = 0; row < m.rows(); ++row) squares += double(m(row, k)) * m(row, k);
    if (!(squares < 1e30)) throw corrupt_model_file("factor values are too large");
  }
  return m;
}
}  // namespace binary

namespace {
using binary::get_factors;
using binary::put_factors;

template <class Strings>
void put_strings(binary::Writer& w, const Strings& strings) {
  w.put<uint64_t>(strings.size());
  for (const std::string& s : strings) w.put_string(s);
}

std::vector<std::string> get_strings(binary::Reader& r) {
  const uint64_t count = r.get<uint64_t>();
  if (count > r.remaining() / 4) throw corrupt_model_file("too many strings");
  std::vector<std::string> out;
  out.reserve(std::min<uint64_t>(count, 4096));  // a corrupt count must not reserve gigabytes
  for (uint64_t k = 0; k < count; ++k) out.push_back(r.get_string());
  return out;
}

void put_config(binary::Writer& w, const AlsConfig& c) {
  w.put<int32_t>(c.factors);
  w.put<float>(c.regularization);
  w.put<int32_t>(c.iterations);
  w.put<int32_t>(static_cast<int32_t>(c.solver));
  w.put<int32_t>(c.cg_steps);
  w.put<uint64_t>(c.seed);
  w.put<float>(c.confidence.alpha);
  w.put<uint8_t>(c.confidence.one_plus ? 1 : 0);
  w.put<int32_t>(static_cast<int32_t>(c.confidence.scaling));
  w.put<float>(c.confidence.log_epsilon);
  w.put<float>(c.confidence.bm25_k1);
  w.put<float>(c.confidence.bm25_b);
}

AlsConfig get_config(binary::Reader& r) {
  AlsConfig c;
  c.factors = r.get<int32_t>();
  c.regularization = r.get<float>();
  c.iterations = r.get<int32_t>();
  const int32_t solver = r.get<int32_t>();
  c.cg_steps = r.get<int32_t>();
  c.seed = r.get<uint64_t>();
  c.confidence.alpha = r.get<float>();
  c.confidence.one_plus = r.get<uint8_t>() != 0;
  const int32_t scaling = r.get<int32_t>();
  c.confidence.log_epsilon = r.get<float>();
  c.confidence.bm25_k1 = r.get<float>();
  c.confidence.bm25_b = r.get<float>();
  if (solver < 0 || solver > 1 || scaling < 0 || scaling > 2) throw corrupt_model_file("unknown solver or scaling");
  c.solver = static_cast<Solver>(solver);
  c.confidence.scaling = static_cast<ConfidenceScaling>(scaling);
  return c;
}

void put_section(binary::Writer& out, uint32_t section, binary::Writer& body) {
  out.put<uint32_t>(section);
  out.put<uint64_t>(body.bytes().size());
  out.put_bytes(body.bytes().data(), body.bytes().size());
}

}  // namespace

uint64_t data_fingerprint(const Dataset& data) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;
  };
  for (const std::string& id : data.users.external_ids()) mix(id);
  for (const std::string& id : data.items.external_ids()) mix(id);
  mix(std::to_string(data.user_items.nnz()));
  return h;
}

namespace {
using Sections = std::vector<std::pair<uint32_t, binary::Writer>>;

binary::Writer& add_section(Sections& sections, uint32_t t) {
  return sections.emplace_back(t, binary::Writer()).second;
}

// What every kind's file holds beside the model: the ids, titles and
// genres, where the data came from, and (optionally) the interactions.
void put_data_sections(Sections& sections, const Dataset& data, bool include_interactions,
                       const ModelProvenance& provenance, double training_seconds) {
  put_strings(add_section(sections, kUsers), data.users.external_ids());
  put_strings(add_section(sections, kItems), data.items.external_ids());
  put_strings(add_section(sections, kTitles), data.item_titles);
  put_strings(add_section(sections, kGenres), data.item_genres);
  {
    binary::Writer& w = add_section(sections, kDataInfo);
    w.put<int32_t>(static_cast<int32_t>(data.format));
    w.put<uint64_t>(provenance.data_fingerprint != 0 ? provenance.data_fingerprint : data_fingerprint(data));
    w.put<double>(training_seconds);
    w.put<uint8_t>(provenance.includes_me ? 1 : 0);
  }
  if (include_interactions) {
    binary::Writer& w = add_section(sections, kInteractions);
    w.put<int32_t>(data.user_items.rows);
    w.put<int32_t>(data.user_items.cols);
    w.put_vector(data.user_items.indptr);
    w.put_vector(data.user_items.indices);
    w.put_vector(data.user_items.values);
  }
}

std::string file_of(Sections& sections) {
  binary::Writer out;
  out.put_bytes(kMagic, sizeof(kMagic));
  out.put<uint32_t>(kModelFileVersion);
  out.put<uint32_t>(static_cast<uint32_t>(sections.size()));
  for (auto& [t, body] : sections) put_section(out, t, body);
  out.put<uint32_t>(binary::crc32(out.bytes()));
  return std::move(out.bytes());
}

uint32_t tag_of(const std::string& name) {
  if (name.size() != 4) throw std::logic_error("a model file section tag has 4 letters: " + name);
  const char letters[5] = {name[0], name[1], name[2], name[3], 0};
  return tag(letters);
}
}  // namespace

std::string save_model(const AlsModel& model, const Dataset& data, bool include_interactions,
                       const ModelProvenance& provenance) {
  Sections sections;
  auto section = [&](uint32_t t) -> binary::Writer& { return add_section(sections, t); };

  put_config(section(kConfig), model.config);
  {
    binary::Writer& w = section(kWeights);
    w.put<double>(model.confidence.average_row_sum());
    w.put_vector(model.confidence.item_idf());
  }
  section(kLoss).put_vector(model.loss_history);
  // Later additions, as their own sections (a reader that predates them skips them).
  section(kFormulation).put<int32_t>(static_cast<int32_t>(model.config.formulation));
  if (!model.origin.empty())
    put_strings(section(kOrigin), std::vector<std::string>{model.origin, model.origin_details});
  put_factors(section(kUserFactors), model.user_factors);
  put_factors(section(kItemFactors), model.item_factors);
  put_data_sections(sections, data, include_interactions, provenance, model.training_seconds);
  return file_of(sections);
}

std::string save_model(const RecommenderModel& model, const Dataset& data, bool include_interactions,
                       const ModelProvenance& provenance) {
  if (const auto* als_model = dynamic_cast<const AlsRecommenderModel*>(&model))
    return save_model(als_model->als_model(), data, include_interactions, provenance);
  Sections sections;
  add_section(sections, kKind).put<int32_t>(static_cast<int32_t>(model.kind()));
  add_section(sections, kSettings)
      .put_bytes(settings_bytes(model.settings()).data(), settings_bytes(model.settings()).size());
  add_section(sections, kLoss).put_vector(model.loss_history);
  for (const auto& [name, bytes] : model.file_sections())
    add_section(sections, tag_of(name)).put_bytes(bytes.data(), bytes.size());
  put_data_sections(sections, data, include_interactions, provenance, model.training_seconds);
  return file_of(sections);
}

namespace {
// The data part of a loaded file: titles and genres for every item, the
// interactions checked (or an empty matrix of the right shape), the transpose.
void finish_saved_data(SavedModel& saved) {
  saved.data.item_titles.resize(saved.data.items.size());
  saved.data.item_genres.resize(saved.data.items.size());
  CsrMatrix& ui = saved.data.user_items;
  if (saved.has_interactions) {
    bool ok = ui.rows == saved.data.users.size() && ui.cols == saved.data.items.size() &&
              ui.indptr.size() == static_cast<size_t>(ui.rows) + 1 && ui.indptr.front() == 0 &&
              ui.indptr.back() == static_cast<int64_t>(ui.indices.size()) && ui.indices.size() == ui.values.size();
    for (size_t r = 0; ok && r + 1 < ui.indptr.size(); ++r) ok = ui.indptr[r] <= ui.indptr[r + 1];
    for (size_t k = 0; ok && k < ui.indices.size(); ++k) ok = ui.indices[k] >= 0 && ui.indices[k] < ui.cols;
    ok = ok && all_finite(ui.values.data(), ui.values.size());
    if (!ok) throw corrupt_model_file("the interaction matrix is inconsistent");
  } else {
    ui = CsrMatrix();
    ui.rows = saved.data.users.size();
    ui.cols = saved.data.items.size();
    ui.indptr.assign(static_cast<size_t>(ui.rows) + 1, 0);
  }
  saved.data.item_users = transpose(ui);
  saved.data.stats.users = ui.rows;
  saved.data.stats.items = ui.cols;
  saved.data.stats.kept_ratings = ui.nnz();
}
}  // namespace

SavedModel load_model(std::string_view bytes) {
  if (bytes.size() < sizeof(kMagic) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0)
    throw ModelFileError("not a model file of this app (it does not start with ALSMODEL)", FaultCode{"model.notOurs"});
  binary::Reader header(bytes.substr(sizeof(kMagic)), "the header");
  const uint32_t version = header.get<uint32_t>();
  if (version > kModelFileVersion)
    throw ModelFileError("model file version " + std::to_string(version) +
                             " is newer than this app (it reads version " + std::to_string(kModelFileVersion) + ")",
                         FaultCode{"model.newer"}.number("version", version).number("reads", kModelFileVersion));
  if (version == 0) throw corrupt_model_file("version 0");
  if (bytes.size() < sizeof(kMagic) + 12) throw ModelFileError("model file is truncated", FaultCode{"model.truncated"});
  const std::string_view body = bytes.substr(0, bytes.size() - 4);
  uint32_t stored_crc;
  std::memcpy(&stored_crc, bytes.data() + bytes.size() - 4, 4);
  if (binary::crc32(body) != stored_crc)
    throw ModelFileError("model file is corrupt or truncated (checksum mismatch)", FaultCode{"model.checksum"});

  binary::Reader file(body.substr(sizeof(kMagic) + 4), "the section table");
  const uint32_t count = file.get<uint32_t>();
  SavedModel saved;
  bool has_config = false, has_users = false, has_items = false;
  double average_row_sum = 1.0;
  std::vector<float> item_idf;
  Formulation formulation = Formulation::kImplicit;  // files before the FORM section
  std::optional<int32_t> kind;                       // files before the KIND section hold ALS
  std::string_view settings;
  std::map<std::string, std::string_view> kind_sections;  // the rest: a kind's own (RecommenderModel::file_sections)
  for (uint32_t s = 0; s < count; ++s) {
    const uint32_t t = file.get<uint32_t>();
    const uint64_t length = file.get<uint64_t>();
    if (length > file.remaining())
      throw ModelFileError("model file is truncated in section " + tag_name(t), FaultCode{"model.truncated"});
    binary::Reader r(file.get_bytes(length), "section " + tag_name(t));
    if (t == kConfig) {
      saved.model.config = get_config(r);
      has_config = true;
    } else if (t == kWeights) {
      average_row_sum = r.get<double>();
      item_idf = r.get_vector<float>(kMaxCount);
    } else if (t == kKind) {
      kind = r.get<int32_t>();
    } else if (t == kSettings) {
      settings = r.get_bytes(r.remaining());
    } else if (t == kFormulation) {
      const int32_t f = r.get<int32_t>();
      if (f < 0 || f > static_cast<int32_t>(Formulation::kSpark)) throw corrupt_model_file("unknown formulation");
      formulation = static_cast<Formulation>(f);
    } else if (t == kOrigin) {
      const std::vector<std::string> origin = get_strings(r);
      if (origin.size() >= 2) {
        saved.model.origin = origin[0];
        saved.model.origin_details = origin[1];
      }
    } else if (t == kLoss) {
      saved.model.loss_history = r.get_vector<double>(kMaxCount);
    } else if (t == kUserFactors) {
      saved.model.user_factors = get_factors(r);
    } else if (t == kItemFactors) {
      saved.model.item_factors = get_factors(r);
    } else if (t == kUsers) {
      for (const std::string& id : get_strings(r)) saved.data.users.intern(id);
      has_users = true;
    } else if (t == kItems) {
      for (const std::string& id : get_strings(r)) saved.data.items.intern(id);
      has_items = true;
    } else if (t == kTitles) {
      saved.data.item_titles = get_strings(r);
    } else if (t == kGenres) {
      saved.data.item_genres = get_strings(r);
    } else if (t == kDataInfo) {
      const int32_t format = r.get<int32_t>();
      saved.data.format = format >= 0 && format <= static_cast<int32_t>(FileFormat::kGenericTitles)
                              ? static_cast<FileFormat>(format)
                              : FileFormat::kUnknown;  // a later version's format: shown as unknown
      saved.data_fingerprint = r.get<uint64_t>();
      saved.model.training_seconds = r.get<double>();
      if (!r.at_end()) saved.includes_me = r.get<uint8_t>() != 0;
    } else if (t == kInteractions) {
      CsrMatrix& m = saved.data.user_items;
      m.rows = r.get<int32_t>();
      m.cols = r.get<int32_t>();
      m.indptr = r.get_vector<int64_t>(kMaxCount);
      m.indices = r.get_vector<int32_t>(kMaxCount);
      m.values = r.get_vector<float>(kMaxCount);
      saved.has_interactions = true;
    } else {
      // A kind's own section, or one of a later minor version (skipped).
      kind_sections.emplace(tag_name(t), r.get_bytes(r.remaining()));
    }
  }
  if (!file.at_end()) throw corrupt_model_file("bytes after the last section");
  if (kind && *kind != static_cast<int32_t>(ModelKind::kAls)) {
    if (*kind < 0 || *kind > static_cast<int32_t>(ModelKind::kPopular))
      throw ModelFileError("model file holds a kind of model this app does not know (a later version's?)",
                           FaultCode{"model.newer"}.number("version", version).number("reads", kModelFileVersion));
    if (!has_users || !has_items || settings.empty())
      throw ModelFileError("model file is incomplete: settings, ids or factors are missing",
                           FaultCode{"model.incomplete"});
    const ModelSettings model_settings = settings_from_bytes(static_cast<ModelKind>(*kind), settings);
    saved.kind = model_settings.kind;
    saved.other = model_from_sections(model_settings, kind_sections, saved.data.users.size(), saved.data.items.size());
    if (saved.other->user_count() != saved.data.users.size() || saved.other->item_count() != saved.data.items.size())
      throw corrupt_model_file("the model does not match the id lists");
    if (!all_finite(saved.model.loss_history.data(), saved.model.loss_history.size()))
      throw corrupt_model_file("losses are not finite");
    saved.other->loss_history = saved.model.loss_history;
    saved.other->training_seconds = saved.model.training_seconds;
    finish_saved_data(saved);
    return saved;
  }

  saved.model.config.formulation = formulation;
  // Consistency: everything must describe the same users and items.
  const AlsModel& m = saved.model;
  if (!has_config || !has_users || !has_items || m.item_factors.empty())
    throw ModelFileError("model file is incomplete: settings, ids or factors are missing",
                         FaultCode{"model.incomplete"});
  if (m.user_factors.rows() != saved.data.users.size() || m.item_factors.rows() != saved.data.items.size() ||
      m.user_factors.factors() != m.item_factors.factors() || m.item_factors.factors() != m.config.factors)
    throw corrupt_model_file("factor matrices do not match the id lists");
  try {
    validate_config(m.config);  // e.g. a log scaling epsilon <= 0 would turn confidences into NaN
  } catch (const std::invalid_argument& e) {
    throw corrupt_model_file(e.what());
  }
  if (!all_finite(item_idf.data(), item_idf.size()) || !std::isfinite(average_row_sum) || !(average_row_sum > 0) ||
      !all_finite(m.loss_history.data(), m.loss_history.size()))
    throw corrupt_model_file("weights or losses are not finite");
  if (m.config.confidence.scaling == ConfidenceScaling::kBm25 &&
      item_idf.size() != static_cast<size_t>(saved.data.items.size()))
    throw corrupt_model_file("BM25 weights do not match the items");
  saved.model.confidence.restore(m.config.confidence, std::move(item_idf), average_row_sum);
  finish_saved_data(saved);
  return saved;
}

std::unique_ptr<RecommenderModel> take_recommender_model(SavedModel& saved) {
  if (saved.other) return std::move(saved.other);
  return std::make_unique<AlsRecommenderModel>(std::move(saved.model));
}

std::string settings_bytes(const ModelSettings& s) {
  binary::Writer w;
  switch (s.kind) {
    case ModelKind::kAls:
      put_config(w, s.als);
      break;
    case ModelKind::kExplicitAls:
      w.put<int32_t>(s.explicit_als.factors);
      w.put<float>(s.explicit_als.regularization);
      w.put<int32_t>(s.explicit_als.iterations);
      w.put<uint64_t>(s.explicit_als.seed);
      break;
    case ModelKind::kBpr:
      w.put<int32_t>(s.bpr.factors);
      w.put<float>(s.bpr.learning_rate);
      w.put<float>(s.bpr.regularization);
      w.put<int32_t>(s.bpr.iterations);
      w.put<uint8_t>(s.bpr.verify_negative_samples ? 1 : 0);
      w.put<uint64_t>(s.bpr.seed);
      break;
    case ModelKind::kLmf:
      w.put<int32_t>(s.lmf.factors);
      w.put<float>(s.lmf.learning_rate);
      w.put<float>(s.lmf.regularization);
      w.put<int32_t>(s.lmf.iterations);
      w.put<int32_t>(s.lmf.neg_prop);
      w.put<uint64_t>(s.lmf.seed);
      break;
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
    case ModelKind::kKnnBm25:
      w.put<int32_t>(s.knn.neighbours);
      w.put<float>(s.knn.bm25_k1);
      w.put<float>(s.knn.bm25_b);
      break;
    case ModelKind::kPopular:
      w.put<uint8_t>(0);
      break;
  }
  return std::move(w.bytes());
}

ModelSettings settings_from_bytes(ModelKind kind, std::string_view bytes) {
  binary::Reader r(bytes, "the settings");
  ModelSettings s = ModelSettings::of(kind);
  switch (kind) {
    case ModelKind::kAls:
      s.als = get_config(r);
      break;
    case ModelKind::kExplicitAls:
      s.explicit_als.factors = r.get<int32_t>();
      s.explicit_als.regularization = r.get<float>();
      s.explicit_als.iterations = r.get<int32_t>();
      s.explicit_als.seed = r.get<uint64_t>();
      break;
    case ModelKind::kBpr:
      s.bpr.factors = r.get<int32_t>();
      s.bpr.learning_rate = r.get<float>();
      s.bpr.regularization = r.get<float>();
      s.bpr.iterations = r.get<int32_t>();
      s.bpr.verify_negative_samples = r.get<uint8_t>() != 0;
      s.bpr.seed = r.get<uint64_t>();
      break;
    case ModelKind::kLmf:
      s.lmf.factors = r.get<int32_t>();
      s.lmf.learning_rate = r.get<float>();
      s.lmf.regularization = r.get<float>();
      s.lmf.iterations = r.get<int32_t>();
      s.lmf.neg_prop = r.get<int32_t>();
      s.lmf.seed = r.get<uint64_t>();
      break;
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
    case ModelKind::kKnnBm25:
      s.knn.neighbours = r.get<int32_t>();
      s.knn.bm25_k1 = r.get<float>();
      s.knn.bm25_b = r.get<float>();
      break;
    case ModelKind::kPopular:
      r.get<uint8_t>();
      break;
  }
  try {
    validate_settings(s);
  } catch (const std::invalid_argument& e) {
    throw corrupt_model_file(e.what());
  }
  return s;
}

void save_model_file(const std::string& path, const AlsModel& model, const Dataset& data, bool include_interactions) {
  const std::string bytes = save_model(model, data, include_interactions);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw ModelFileError("could not write " + path);
}

SavedModel load_model_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelFileError("could not open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return load_model(buffer.str());
}

}  // namespace als
