// Smaller stand-ins for std::string and std::optional<Instant> in the entity
// a large model holds millions of: check-ins (4.8 million in the enterprise
// workload of PERFORMANCE.md, most of the model's memory). A check-in's note
// is usually empty, and std::string takes 32 bytes even then; an optional
// instant takes 16 for 8 bytes of value. Each type here takes 8 and offers
// the members of the type it stands for that Cairn uses.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/time.h"

namespace cairn::core {

// Text, in one pointer: none when empty, else a string of its own.
class CompactText {
 public:
  CompactText() = default;
  explicit CompactText(std::string_view text) { assign(text); }
  CompactText(const CompactText& other) { assign(other.view()); }
  CompactText(CompactText&&) noexcept = default;
  CompactText& operator=(const CompactText& other) {
    if (this != &other) assign(other.view());
    return *this;
  }
  CompactText& operator=(CompactText&&) noexcept = default;
  CompactText& operator=(std::string_view text) {
    assign(text);
    return *this;
  }

  void assign(std::string_view text) {
    text_ = text.empty() ? nullptr : std::make_unique<std::string>(text);
  }
  void clear() { text_.reset(); }

  // Empty, it is "" (a null data() would be NULL to SQLite's bind).
  std::string_view view() const { return text_ ? std::string_view(*text_) : std::string_view(""); }
  operator std::string_view() const { return view(); }  // NOLINT: a stand-in for std::string
  bool empty() const { return !text_; }
  std::size_t size() const { return view().size(); }
  bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }

  friend bool operator==(const CompactText& a, const CompactText& b) {
    return a.view() == b.view();
  }
  friend bool operator==(const CompactText& a, std::string_view b) { return a.view() == b; }
  friend std::ostream& operator<<(std::ostream& out, const CompactText& text) {
    return out << text.view();
  }

 private:
  std::unique_ptr<std::string> text_;
};

// An optional instant in the size of one: Instant::min() stands for none
// (no instant Cairn handles lies that far back).
class OptionalInstant {
 public:
  OptionalInstant() = default;
  OptionalInstant(std::nullopt_t) {}        // NOLINT: as std::optional
  OptionalInstant(Instant at) : at_(at) {}  // NOLINT: as std::optional
  OptionalInstant(std::optional<Instant> at) : at_(at.value_or(Instant::min())) {}  // NOLINT

  bool has_value() const { return at_ != Instant::min(); }
  explicit operator bool() const { return has_value(); }
  Instant operator*() const { return at_; }
  Instant value_or(Instant otherwise) const { return has_value() ? at_ : otherwise; }
  void reset() { at_ = Instant::min(); }
  operator std::optional<Instant>() const {  // NOLINT: a stand-in for std::optional
    return has_value() ? std::optional<Instant>(at_) : std::nullopt;
  }

  friend bool operator==(OptionalInstant a, OptionalInstant b) { return a.at_ == b.at_; }
  friend bool operator==(OptionalInstant a, Instant b) { return a.has_value() && a.at_ == b; }

 private:
  Instant at_ = Instant::min();
};

}  // namespace cairn::core
