#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace cairn::core {
namespace {

namespace chr = std::chrono;
using chr::sys_days;
using chr::year_month_day;

year_month_day to_ymd(Date d) {
  return year_month_day{sys_days{chr::days{d.days}}};
}

// Reads exactly `width` decimal digits at `text[pos]`; -1 when any is missing.
int read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Writes `value` as exactly `width` decimal digits, zero-padded, at `out`.
void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

// "YYYY-MM-DD" at `out` (10 characters) for a year of four digits; false for
// another year, which snprintf writes (every answer and export writes dates:
// the digits by hand cost a tenth of snprintf's).
bool put_date(char* out, Date date) {
  const year_month_day ymd = to_ymd(date);
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return false;
  put_digits(out, static_cast<unsigned>(year), 4);
  out[4] = '-';
  put_digits(out + 5, static_cast<unsigned>(ymd.month()), 2);
  out[7] = '-';
  put_digits(out + 8, static_cast<unsigned>(ymd.day()), 2);
  return true;
}

}  // namespace

Date Date::from_ymd(int y, unsigned m, unsigned d) {
  return Date{
      static_cast<std::int32_t>(sys_days{year_month_day{chr::year{y}, chr::month{m}, chr::day{d}}}
                                    .time_since_epoch()
                                    .count())};
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = read_digits(text, 0, 4);
  const int m = read_digits(text, 5, 2);
  const int d = read_digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                           chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count())};
}

int Date::year() const {
  return static_cast<int>(to_ymd(*this).year());
}
unsigned Date::month() const {
  return static_cast<unsigned>(to_ymd(*this).month());
}
unsigned Date::day() const {
  return static_cast<unsigned>(to_ymd(*this).day());
}

unsigned Date::iso_weekday() const {
  return chr::weekday{sys_days{chr::days{this->days}}}.iso_encoding();
}

std::string Date::to_string() const {
  if (char text[10]; put_date(text, *this)) return std::string(text, sizeof text);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year(), month(), day());
  return buffer;
}

Instant instant_utc(int y, unsigned m, unsigned d, int hour, int minute, int second) {
  return start_of_day_utc(Date::from_ymd(y, m, d)) + (hour * 3600 + minute * 60 + second);
}

std::string to_rfc3339(Instant t) {
  std::int64_t day_count = t.seconds / kSecondsPerDay;
  std::int64_t rest = t.seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --day_count;
  }
  const Date date{static_cast<std::int32_t>(day_count)};
  if (char text[20]; put_date(text, date)) {  // YYYY-MM-DDTHH:MM:SSZ
    text[10] = 'T';
    put_digits(text + 11, static_cast<unsigned>(rest / 3600), 2);
    text[13] = ':';
    put_digits(text + 14, static_cast<unsigned>(rest / 60 % 60), 2);
    text[16] = ':';
    put_digits(text + 17, static_cast<unsigned>(rest % 60), 2);
    text[19] = 'Z';
    return std::string(text, sizeof text);
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", date.to_string().c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buffer;
}

std::optional<Instant> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
  if (text.size() < 20) return std::nullopt;
  const auto date = Date::parse(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const int hour = read_digits(text, 11, 2);
  const int minute = read_digits(text, 14, 2);
  const int second = read_digits(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == digits_start) return std::nullopt;  // fractions are accepted and truncated
  }
  if (pos >= text.size()) return std::nullopt;
  std::int64_t offset = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    const int oh = read_digits(text, pos + 1, 2);
    const int om = read_digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59 || text[pos + 3] != ':') return std::nullopt;
    offset = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  return start_of_day_utc(*date) + (hour * 3600 + minute * 60 + second) - offset;
}

}  // namespace cairn::core
