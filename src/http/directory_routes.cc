// GET /units, /people, /periods and each by id: the organisation's directory
// as it stood at `as_of` (an entity created later is 404, a list leaves it
// out). These carry no private data, so every member of the organisation
// may read them.
#include "http/api_handler.h"
#include "http/api_json.h"
#include "http/api_routes.h"
#include "http/okr_json.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

// How one kind of directory entity is found in the model and written.
struct Units {
  using Id = UnitId;
  static constexpr std::string_view kPrefix = kUnitPrefix;
  static constexpr const char* kWhat = "unit";
  static std::size_t count(const Model& m) { return m.unit_count(); }
  static const History<Unit>& history(const Model& m, Id id) { return m.unit_history(id); }
  static void write(JsonWriter& w, const Unit& u, Instant, const app::Can& can) {
    write_unit(w, u, can);
  }
};
struct People {
  using Id = PersonId;
  static constexpr std::string_view kPrefix = kPersonPrefix;
  static constexpr const char* kWhat = "person";
  static std::size_t count(const Model& m) { return m.person_count(); }
  static const History<Person>& history(const Model& m, Id id) { return m.person_history(id); }
  static void write(JsonWriter& w, const Person& p, Instant, const app::Can& can) {
    write_person(w, p, can);
  }
};
struct Periods {
  using Id = PeriodId;
  static constexpr std::string_view kPrefix = kPeriodPrefix;
  static constexpr const char* kWhat = "period";
  static std::size_t count(const Model& m) { return m.period_count(); }
  static const History<Period>& history(const Model& m, Id id) { return m.period_history(id); }
  static void write(JsonWriter& w, const Period& p, Instant t, const app::Can& can) {
    write_period(w, p, t, can);
  }
};

template <class Kind>
Response list(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  JsonWriter w;
  context.service.read(who.organization, [&](const Model& model) {
    std::vector<typename Kind::Id> found;
    for (std::uint32_t i = 0; i < Kind::count(model); ++i) {
      if (Kind::history(model, typename Kind::Id{i}).at(*t)) found.emplace_back(i);
    }
    w.begin_object().key("items").begin_array();
    for (std::size_t i = paging->offset; i < paging->end(found.size()); ++i) {
      Kind::write(w, *Kind::history(model, found[i]).at(*t), *t, app::can_configure(model, who));
    }
    w.end_array().key("next_cursor").value(paging->next_cursor(found.size())).end_object();
  });
  return Response::json(200, w.take());
}

template <class Kind>
Response get(ApiContext& context, Request& request, const app::Principal& who) {
  auto t = as_of(request, context.now());
  if (!t) return problem_for(t.error());
  auto id = path_id<typename Kind::Id>(request, Kind::kPrefix, Kind::kWhat);
  if (!id) return problem_for(id.error());
  return context.service.read(who.organization, [&](const Model& model) {
    if (id->value() >= Kind::count(model)) return problem_for(not_found(Kind::kWhat));
    const auto* entity = Kind::history(model, *id).at(*t);
    if (!entity) return problem_for(not_found(Kind::kWhat));
    JsonWriter w;
    Kind::write(w, *entity, *t, app::can_configure(model, who));
    Response response = Response::json(200, w.take());
    // The version If-Match names: how many versions the entity had at `as_of`.
    response.headers.emplace_back(
        "ETag", "\"" + std::to_string(version_at(Kind::history(model, *id), *t)) + "\"");
    return response;
  });
}

template <class Kind>
void add(Router& router, ApiContext& context, std::string_view path, std::string_view plural) {
  add_route(router, context, "GET", route(path), "List " + std::string(plural) + " (as of ?as_of=)",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return list<Kind>(context, r, who);
            }));
  add_route(router, context, "GET", route(std::string(path) + "/{id}"),
            "One of the " + std::string(plural) + " (as of ?as_of=)",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return get<Kind>(context, r, who);
            }));
}

}  // namespace

void add_directory_routes(Router& router, ApiContext& context) {
  add<Units>(router, context, "/units", "units");
  add<People>(router, context, "/people", "people");
  add<Periods>(router, context, "/periods", "periods");
}

}  // namespace cairn::http
