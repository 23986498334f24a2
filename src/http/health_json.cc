#include "http/health_json.h"

namespace cairn::http {

using namespace cairn::core;

namespace {

void write_figure(JsonWriter& w, const char* name, const HealthFigure& f) {
  w.key(name).begin_object();
  w.key("numerator").value(static_cast<std::int64_t>(f.numerator));
  w.key("denominator").value(static_cast<std::int64_t>(f.denominator));
  // Nothing to count is not 0 %: the share is undefined.
  w.key("ratio");
  if (f.defined) {
    w.value(f.ratio);
  } else {
    w.null();
  }
  w.end_object();
}

}  // namespace

void write_health(JsonWriter& w, const ProgramHealth& h) {
  w.key("figures").begin_object();
  write_figure(w, "onboarding", h.onboarding);
  write_figure(w, "activity", h.activity);
  write_figure(w, "alignment", h.alignment);
  write_figure(w, "transparency", h.transparency);
  write_figure(w, "focus", h.focus);
  w.end_object();
  w.key("objectives_per_owner").value(h.objectives_per_owner);
  w.key("attainment").begin_object();
  w.key("value").value(h.attainment);
  w.key("kind").value(h.attainment_is_score ? "score" : "pace");
  w.end_object();
}

}  // namespace cairn::http
