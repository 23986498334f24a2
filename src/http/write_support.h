// What the write routes share: reading typed fields from a JSON body into an
// entity (each problem named by its field, all gathered into one 422), the
// 201 answer of a creating command, and PATCH as a read-modify-write that
// never loses a concurrent update (see patch()).
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "app/command.h"
#include "app/service.h"
#include "core/names.h"
#include "core/validation.h"
#include "http/api_body.h"
#include "http/api_context.h"
#include "http/api_errors.h"
#include "http/api_ids.h"
#include "http/if_match.h"
#include "http/json_writer.h"

namespace cairn::http {

using namespace cairn::core;
namespace json = boost::json;

// 204: no body, so no Content-Type either.
inline Response no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

// ---- Reading fields --------------------------------------------------------

template <class T>
void enum_field(const json::object& body, std::string_view key, T& out, FieldErrors& errors,
                std::string_view choices) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  const auto parsed = v->is_string() ? core::parse<T>(v->as_string()) : std::nullopt;
  if (parsed) {
    out = *parsed;
  } else {
    errors.add(invalid(std::string(key), "must be one of " + std::string(choices)));
  }
}

inline void string_field(const json::object& body, std::string_view key, std::string& out,
                         FieldErrors& errors, std::size_t max_length = 200) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (!v->is_string()) {
    errors.add(invalid(std::string(key), "must be a string"));
    return;
  }
  // Limits are in characters, as the error says: a 200-character title in
  // Cyrillic or Japanese is 400 to 600 bytes. The body is valid UTF-8 by now.
  if (core::utf8_length(v->as_string()) > max_length) {
    errors.add(
        invalid(std::string(key), "must be at most " + std::to_string(max_length) + " characters"));
    return;
  }
  out = std::string(v->as_string());
}

// An id member (`null` clears it when `nullable`).
template <class I>
void id_field(const json::object& body, std::string_view key, std::string_view prefix, I& out,
              FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (v->is_null()) {
    out = I{};
    return;
  }
  const auto index = v->is_string() ? parse_api_id(prefix, v->as_string()) : std::nullopt;
  if (!index) {
    errors.add(invalid(std::string(key), "must be an id such as " + std::string(prefix) + "1"));
    return;
  }
  out = I{*index};
}

inline void date_field(const json::object& body, std::string_view key, Date& out,
                       FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  const auto parsed = v->is_string() ? Date::parse(v->as_string()) : std::nullopt;
  if (parsed) {
    out = *parsed;
  } else {
    errors.add(invalid(std::string(key), "must be a date such as 2026-04-01"));
  }
}

inline void int_field(const json::object& body, std::string_view key, int& out, int low, int high,
                      FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (!v->is_int64() || v->as_int64() < low || v->as_int64() > high) {
    errors.add(invalid(std::string(key), "must be an integer from " + std::to_string(low) + " to " +
                                             std::to_string(high)));
    return;
  }
  out = static_cast<int>(v->as_int64());
}

inline void fraction_field(const json::object& body, std::string_view key, double& out,
                           FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return;
  if (!v->is_number() || !std::isfinite(v->to_number<double>()) || v->to_number<double>() < 0 ||
      v->to_number<double>() > 1) {
    errors.add(invalid(std::string(key), "must be a number from 0 to 1"));
    return;
  }
  out = v->to_number<double>();
}

// An object member, or nullptr (with an error when present but not an object).
inline const json::object* object_field(const json::object& body, std::string_view key,
                                        FieldErrors& errors) {
  const json::value* v = body.if_contains(key);
  if (!v) return nullptr;
  if (!v->is_object()) {
    errors.add(invalid(std::string(key), "must be an object"));
    return nullptr;
  }
  return &v->as_object();
}

// ---- Running commands ------------------------------------------------------

inline Response created(
    ApiContext& context, const app::Principal& who, const app::Command& command,
    const std::function<void(JsonWriter&, const Model&, std::uint32_t)>& write) {
  auto committed = context.service.execute(who, command, context.now());
  if (!committed) return problem_for(committed.error());
  JsonWriter w;
  context.service.read(who.organization,
                       [&](const Model& model) { write(w, model, *committed->applied.created); });
  return Response::json(201, w.take());
}

// Read-modify-write of one entity (see the file comment). `read` copies the
// entity out of the model (nullopt: 404) with its version; `change` edits the
// copy from the body (or fails); `command` wraps it.
template <class T>
Response patch(ApiContext& context, Request& request, const app::Principal& who,
               const std::function<std::optional<std::pair<T, std::int64_t>>(const Model&)>& read,
               const std::function<Result<void>(T&)>& change,
               const std::function<app::Command(const T&)>& command,
               const std::function<void(JsonWriter&, const Model&, const T&)>& write) {
  auto expected = if_match(request);
  if (!expected) return problem_for(expected.error());
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto current = context.service.read(who.organization, read);
    if (!current) return problem_for(not_found("item"));
    if (*expected && **expected != current->second) {
      return problem_for(Error{
          ErrorCode::kStaleVersion,
          "the item is at version " + std::to_string(current->second) + "; read it again and retry",
          {},
          {},
          {}});
    }
    T changed = current->first;
    if (auto ok = change(changed); !ok) return problem_for(ok.error());
    const std::int64_t version = current->second;
    bool moved = false;
    auto committed = context.service.execute(
        who, command(changed), context.now(), [&](const Model& model) -> Result<void> {
          auto now = read(model);
          if (now && now->second == version) return {};
          moved = true;
          return Error{ErrorCode::kStaleVersion, "changed meanwhile", {}, {}, {}};
        });
    if (!committed && moved && !*expected) continue;  // someone else wrote: read again
    if (!committed) {
      if (moved) {
        return problem_for(Error{ErrorCode::kStaleVersion,
                                 "the item changed since version " + std::to_string(version) +
                                     "; read it again and retry",
                                 {},
                                 {},
                                 {}});
      }
      return problem_for(committed.error());
    }
    JsonWriter w;
    context.service.read(who.organization, [&](const Model& model) {
      auto after = read(model);
      write(w, model, after->first);
    });
    Response response = Response::json(200, w.take());
    return response;
  }
  return problem_for(Error{ErrorCode::kConflict, "the item keeps changing; retry", {}, {}, {}});
}

template <class T>
std::int64_t version_of(const History<T>& history) {
  return static_cast<std::int64_t>(history.versions().size());
}

}  // namespace cairn::http
