#include "app/calendar_feed.h"

#include "app/cadence.h"

namespace cairn::app {
namespace {

// Lines longer than 75 octets are folded (RFC 5545 3.1), never inside a
// UTF-8 sequence; every line ends in CRLF.
void add_line(std::string& out, std::string_view line) {
  std::size_t width = 75;
  while (line.size() > width) {
    std::size_t cut = width;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out.append("\r\n ");
    line.remove_prefix(cut);
    width = 74;  // the leading space counts
  }
  out.append(line);
  out.append("\r\n");
}

std::string utc_stamp(core::Instant t) {
  // 2026-05-15T12:00:00Z → 20260515T120000Z
  std::string s = core::to_rfc3339(t);
  std::string out;
  for (char c : s) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

std::string date_value(core::Date d) {
  std::string s = d.to_string();
  std::string out;
  for (char c : s) {
    if (c != '-') out += c;
  }
  return out;
}

}  // namespace

std::string ical_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string calendar_feed(const core::Model& model, std::string_view slug, core::Instant now) {
  const std::string zone =
      model.organization().timezone.empty() ? "UTC" : model.organization().timezone;
  const std::string stamp = utc_stamp(now);
  const std::string domain = std::string(slug) + ".cairn";
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//Cairn//Cairn OKR calendar//EN");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  add_line(out, "X-WR-CALNAME:" + ical_text(model.organization().name + " OKR cadence"));
  add_line(out, "X-WR-TIMEZONE:" + zone);

  auto all_day = [&](const std::string& uid, core::Date day, const std::string& summary,
                     const std::string& description) {
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + uid + "@" + domain);
    add_line(out, "DTSTAMP:" + stamp);
    add_line(out, "DTSTART;VALUE=DATE:" + date_value(day));
    add_line(out, "DTEND;VALUE=DATE:" + date_value(day + 1));
    add_line(out, "SUMMARY:" + ical_text(summary));
    if (!description.empty()) add_line(out, "DESCRIPTION:" + ical_text(description));
    add_line(out, "TRANSP:TRANSPARENT");
    add_line(out, "END:VEVENT");
  };

  // Check-in days, each at its instant in UTC: exact across daylight saving
  // without a VTIMEZONE.
  const core::CheckInCadence& cadence = model.settings().check_in;
  if (auto today = local_date(now, zone)) {
    for (int i = -28; i <= 91; ++i) {
      const core::Date day = *today + i;
      if (!is_check_in_day(cadence, day)) continue;
      auto at = local_time(day, cadence.hour, zone);
      if (!at) break;
      add_line(out, "BEGIN:VEVENT");
      add_line(out, "UID:check-in-" + day.to_string() + "@" + domain);
      add_line(out, "DTSTAMP:" + stamp);
      add_line(out, "DTSTART:" + utc_stamp(*at));
      add_line(out, "DURATION:PT30M");
      add_line(out, "SUMMARY:Check-in day");
      add_line(out, "DESCRIPTION:" + ical_text("Time to check in on your key results in Cairn."));
      add_line(out, "END:VEVENT");
    }
  }

  for (std::uint32_t i = 0; i < model.period_count(); ++i) {
    const core::Period* p = model.period(core::PeriodId{i});
    if (!p || p->ends_at < now - 90 * core::kSecondsPerDay) continue;
    const std::string id = "period-" + std::to_string(i);
    all_day(id + "-start", p->start_date, p->name + " starts",
            p->name + " runs from " + p->start_date.to_string() + " to " + p->end_date.to_string() +
                ".");
    all_day(id + "-end", p->end_date, p->name + " ends",
            "Last day of " + p->name + ": score, close and hold the retrospective.");
    const RolloutDates r = rollout_dates(*p);
    all_day(id + "-drafts-due", r.drafts_due, p->name + ": drafts due",
            "Draft objectives and key results for " + p->name + " are due.");
    all_day(id + "-review", r.review, p->name + ": cross-team review",
            "Review the drafts for " + p->name + " across teams: alignment and dependencies.");
    all_day(id + "-commit", r.commit, p->name + ": commit",
            "Commit to the objectives and key results of " + p->name + ".");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace cairn::app
