#include "app/report/report_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "core/names.h"

namespace cairn::app {
namespace {

using namespace cairn::core;

// A4 in points, and the margins of the text area.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 50;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin;

std::string percent(double fraction) {
  return std::to_string(static_cast<long>(std::lround(fraction * 100))) + "%";
}

// Up to two decimals, without trailing zeros: 0.7, 0.95, 1.
std::string decimal(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  while (out.find('.') != std::string::npos && (out.back() == '0' || out.back() == '.')) {
    const bool dot = out.back() == '.';
    out.pop_back();
    if (dot) break;
  }
  return out == "-0" ? "0" : out;
}

std::string with_unit(double value, const std::string& unit) {
  if (unit == "$" || unit == "£") return unit + decimal(value);
  if (unit == "%") return decimal(value) + "%";
  return unit.empty() ? decimal(value) : decimal(value) + " " + unit;
}

const char* status_words(Status s) {
  switch (s) {
    case Status::kNotStarted:
      return "not started";
    case Status::kOnTrack:
      return "on track";
    case Status::kBehind:
      return "behind";
    case Status::kAtRisk:
      return "at risk";
    case Status::kDone:
      return "done";
    case Status::kClosed:
      return "closed";
  }
  return "";
}

const char* type_words(ObjectiveType t) {
  switch (t) {
    case ObjectiveType::kCommitted:
      return "Committed";
    case ObjectiveType::kAspirational:
      return "Aspirational";
    case ObjectiveType::kLearning:
      return "Learning";
  }
  return "";
}

const char* stage_words(MaturityStage s) {
  switch (s) {
    case MaturityStage::kCurious:
      return "Curious";
    case MaturityStage::kAware:
      return "Aware";
    case MaturityStage::kChampion:
      return "Champion";
    case MaturityStage::kExcellence:
      return "Excellence";
    case MaturityStage::kMaster:
      return "Master";
  }
  return "";
}

std::string share(const HealthFigure& f) {
  std::string out = std::to_string(f.numerator) + " / " + std::to_string(f.denominator);
  return f.defined ? out + " (" + percent(f.ratio) + ")" : out;
}

// Text flowing down A4 pages: each block is laid out by Pango at the width
// it has, and starts a new page when it would cross the bottom margin.
class Flow {
 public:
  explicit Flow(std::string footer) : footer_(std::move(footer)) {
    surface_ = cairo_pdf_surface_create_for_stream(&Flow::write, &out_, kPageWidth, kPageHeight);
    cr_ = cairo_create(surface_);
  }
  ~Flow() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  Flow(const Flow&) = delete;
  Flow& operator=(const Flow&) = delete;

  // The height `text` takes in `font` at `width` points.
  double measure(const std::string& text, const char* font, double width) {
    Layout layout = make(text, font, width);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.get(), &w, &h);
    return h;
  }
  void ensure(double height) {
    if (y_ + height > kBottom - 14) new_page();
  }
  void text(const std::string& text, const char* font, double space_before = 4, double indent = 0,
            double grey = 0) {
    y_ += space_before;
    Layout layout = make(text, font, kTextWidth - indent);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.get(), &w, &h);
    ensure(h);
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_move_to(cr_, kMargin + indent, y_);
    pango_cairo_show_layout(cr_, layout.get());
    y_ += h;
  }
  // One table row: cells at the given fractions of the width, a rule below.
  void row(const std::vector<std::string>& cells, const std::vector<double>& widths,
           const char* font) {
    double height = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      height = std::max(height, measure(cells[i], font, widths[i] * kTextWidth - 6));
    }
    ensure(height + 6);
    double x = kMargin;
    cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      Layout layout = make(cells[i], font, widths[i] * kTextWidth - 6);
      cairo_move_to(cr_, x, y_ + 3);
      pango_cairo_show_layout(cr_, layout.get());
      x += widths[i] * kTextWidth;
    }
    y_ += height + 6;
    cairo_set_source_rgb(cr_, 0.8, 0.82, 0.81);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMargin, y_);
    cairo_line_to(cr_, kMargin + kTextWidth, y_);
    cairo_stroke(cr_);
  }
  double room() const { return kBottom - 14 - y_; }

  std::string finish() {
    draw_footer();
    cairo_surface_finish(surface_);
    return std::move(out_);
  }

 private:
  using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

  Layout make(const std::string& text, const char* font, double width) {
    Layout layout(pango_cairo_create_layout(cr_), &g_object_unref);
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
    return layout;
  }
  void draw_footer() {
    Layout layout = make(footer_ + " · page " + std::to_string(page_), "DejaVu Sans 7", kTextWidth);
    cairo_set_source_rgb(cr_, 0.4, 0.4, 0.4);
    cairo_move_to(cr_, kMargin, kPageHeight - kMargin + 10);
    pango_cairo_show_layout(cr_, layout.get());
  }
  void new_page() {
    draw_footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }
  static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  }

  std::string out_;
  std::string footer_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double y_ = kMargin;
  int page_ = 1;
};

constexpr const char* kTitle = "DejaVu Sans Bold 18";
constexpr const char* kHeading = "DejaVu Sans Bold 13";
constexpr const char* kObjective = "DejaVu Sans Bold 10.5";
constexpr const char* kBody = "DejaVu Sans 9.5";
constexpr const char* kSmall = "DejaVu Sans 8.5";

void objective(Flow& flow, const ReportObjective& o, bool closed) {
  // Keep the title with its facts and first row.
  flow.ensure(flow.measure(o.title, kObjective, kTextWidth) + 40);
  flow.text(o.title, kObjective, 10);
  std::string facts = std::string(type_words(o.type)) + " · progress " + percent(o.progress);
  if (closed && o.score) {
    facts += " · score " + decimal(*o.score) + " · " + (o.success ? "succeeded" : "missed its bar");
  } else {
    facts += std::string(" · ") + status_words(o.status);
    if (o.forecast) facts += " · heading for " + percent(*o.forecast);
  }
  flow.text(facts, kSmall, 1, 0, 0.35);
  if (o.key_results.empty()) return;
  const std::vector<double> widths{0.46, 0.24, 0.14, 0.16};
  flow.row({"Key result", "Value / target", "Progress", closed ? "Score" : "Heading for"}, widths,
           "DejaVu Sans Bold 8.5");
  for (const ReportKeyResult& kr : o.key_results) {
    std::string value;
    if (kr.current && kr.target) {
      value = with_unit(*kr.current, kr.unit) + " / " + with_unit(*kr.target, kr.unit);
    }
    std::string last = "–";
    if (closed && kr.score) last = decimal(*kr.score);
    if (!closed && kr.forecast) last = percent(*kr.forecast);
    flow.row({kr.title, value, percent(kr.progress), last}, widths, kSmall);
  }
}

}  // namespace

std::string render_pdf(const PeriodReport& report, Instant generated) {
  const bool closed = report.state == PeriodState::kClosed;
  Flow flow("Cairn · " + report.organization + " · " + report.period + " review");
  flow.text(report.period + " review · " + report.organization, kTitle, 0);
  flow.text(report.start_date.to_string() + " – " + report.end_date.to_string() + " · " +
                std::string(core::to_string(report.state)) + " · as of " +
                to_rfc3339(generated).substr(0, 10),
            kBody, 4, 0, 0.35);
  if (!report.mission.empty()) flow.text("Our mission: " + report.mission, kBody, 10);

  flow.text("At a glance", kHeading, 16);
  std::string progress = "Company progress: " + percent(report.company_progress);
  if (report.heading_for) progress += ", heading for " + percent(*report.heading_for);
  flow.text(progress, kBody, 4);
  if (report.health.attainment) {
    const double a = *report.health.attainment;
    flow.text(report.health.attainment_is_score ? "Attainment: mean score " + percent(a)
                                                : "Attainment: " + percent(std::abs(a)) +
                                                      (a >= 0 ? " ahead of" : " behind") + " pace",
              kBody, 2);
  }
  if (closed) {
    flow.text("Objectives that succeeded: " + std::to_string(report.succeeded) + " of " +
                  std::to_string(report.objectives),
              kBody, 2);
  } else {
    flow.text(
        "Activity (key results checked in within the cadence): " + share(report.health.activity),
        kBody, 2);
  }
  flow.text("Alignment (objectives below the company that are aligned): " +
                share(report.health.alignment),
            kBody, 2);
  flow.text("OKR maturity: " + std::string(stage_words(report.maturity)) + ", " +
                std::to_string(static_cast<int>(report.maturity)) + " of 5",
            kBody, 2);

  for (const ReportUnit& unit : report.units) {
    flow.ensure(80);
    flow.text(unit.name, kHeading, 18);
    for (const ReportObjective& o : unit.objectives) objective(flow, o, closed);
  }

  flow.text("Retrospectives", kHeading, 18);
  if (report.retrospectives.empty()) {
    flow.text("No retrospective has been recorded for this period.", kBody, 4);
  }
  const std::pair<const char*, std::string RetrospectiveAnswers::*> questions[] = {
      {"How did our first OKRs go?", &RetrospectiveAnswers::first_okrs},
      {"Were our OKRs aligned?", &RetrospectiveAnswers::aligned},
      {"What went well?", &RetrospectiveAnswers::went_well},
      {"Where could we improve?", &RetrospectiveAnswers::improve},
      {"Have the company OKRs changed?", &RetrospectiveAnswers::company_changes},
      {"Has anything changed with the teams we depend on?",
       &RetrospectiveAnswers::changed_dependencies},
      {"Lessons learned for the next period", &RetrospectiveAnswers::lessons},
  };
  for (const ReportRetrospective& r : report.retrospectives) {
    flow.ensure(60);
    flow.text(r.unit, kObjective, 10);
    flow.text("By " + r.author + ", " + to_rfc3339(r.retrospective.recorded_at).substr(0, 10),
              kSmall, 1, 0, 0.35);
    for (const auto& [question, member] : questions) {
      const std::string& answer = r.retrospective.answers.*member;
      if (answer.empty()) continue;  // unanswered questions are left out
      flow.text(question, "DejaVu Sans Bold 9", 5);
      flow.text(answer, kBody, 1);
    }
  }
  flow.text(
      "The objectives of the company and its units in this period, as the reader may see them; "
      "objectives owned by people, drafts and archived ones are left out.",
      kSmall, 16, 0, 0.35);
  return flow.finish();
}

}  // namespace cairn::app
