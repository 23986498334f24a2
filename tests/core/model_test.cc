// QUALITY.md "Bad input" and the Model's invariants: every command validates
// its input, names the field it refuses, and changes nothing when it refuses
// (counts, versions and the live roll-up are compared before and after every
// refusal). Check-ins are append-only.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/evaluation.h"
#include "model_fixture.h"

namespace cairn::core {
namespace {

using model_testing::expect_refused;
using model_testing::kInf;
using model_testing::kNaN;
using model_testing::kQ1Start;
using model_testing::kSetup;
using model_testing::make_period;
using model_testing::must;
using model_testing::Org;
using model_testing::q1_day;

template <class T>
Result<void> drop_value(Result<T> result) {
  if (!result) return result.error();
  return {};
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// A command that takes one value of type V; used to run a table of values
// through every command that accepts such a value.
template <class V>
struct Command {
  std::string name;
  std::string field;
  std::function<Result<void>(const V&)> run;
};

class ModelValidation : public ::testing::Test {
 protected:
  void SetUp() override {
    objective_ = org_.objective("Delight our customers");
    kr_ = org_.metric(objective_, 0, 100);
    other_objective_ = org_.objective("Win the enterprise market", ProgressMode::kChildren,
                                      org_.year, Owner::of_unit(org_.company));
    org_.check_in(kr_, 20, q1_day(10));
    link_ = org_.link(NodeRef::of(objective_), NodeRef::of(other_objective_));
    ASSERT_EQ(org_.p(kr_), 0.2);
    ASSERT_EQ(org_.progress(other_objective_), 0.2);
  }

  // Valid inputs, to be spoilt one field at a time.
  KeyResult key_result() const { return org_.metric_spec(objective_, 0, 10); }
  CheckIn check_in() const { return org_.check_in_spec(kr_, 30, q1_day(20)); }
  Result<void> add(const KeyResult& kr) {
    return drop_value(org_.model.add_key_result(kr, q1_day(20)));
  }
  Result<void> add(const Objective& o) { return drop_value(org_.model.add_objective(o, kSetup)); }
  Result<void> add(const CheckIn& c) { return drop_value(org_.model.add_check_in(c, q1_day(20))); }
  Result<void> update(const KeyResult& kr) { return org_.model.update_key_result(kr, q1_day(20)); }
  Result<void> update(const Objective& o) { return org_.model.update_objective(o, q1_day(20)); }

  void refused(const std::function<Result<void>()>& command, const std::string& field,
               ErrorCode code = ErrorCode::kInvalid) {
    expect_refused(org_.model, command, code, field);
  }

  Org org_;
  ObjectiveId objective_, other_objective_;
  KeyResultId kr_;
  LinkId link_;
};

// ---- Titles and texts --------------------------------------------------------------

TEST_F(ModelValidation, TitlesAreOneTo200CharactersCountedInUtf8Characters) {
  int n = 0;  // makes every accepted person unique
  const std::vector<Command<std::string>> commands = {
      {"add_objective", "title",
       [&](const std::string& t) {
         Objective o = org_.objective_spec(t);
         o.owner = Owner::of_person(org_.cy);  // keeps the team's count low
         o.period = org_.q2;
         return add(o);
       }},
      {"update_objective", "title",
       [&](const std::string& t) {
         Objective o = *org_.model.objective(objective_);
         o.title = t;
         return update(o);
       }},
      {"add_key_result", "title",
       [&](const std::string& t) {
         KeyResult kr = key_result();
         kr.title = t;
         return add(kr);
       }},
      {"update_key_result", "title",
       [&](const std::string& t) {
         KeyResult kr = *org_.model.key_result(kr_);
         kr.title = t;
         return update(kr);
       }},
      {"milestone title", "milestones.title",
       [&](const std::string& t) {
         KeyResult kr = key_result();
         kr.kind = KeyResultKind::kMilestones;
         kr.milestones = {{"First", 1}, {t, 1}};
         return add(kr);
       }},
      {"objective tag", "tags",
       [&](const std::string& t) {
         Objective o = *org_.model.objective(objective_);
         o.tags = {"growth", t};
         return update(o);
       }},
      {"add_unit", "name",
       [&](const std::string& t) {
         Unit u;
         u.name = t;
         u.parent = org_.team;
         return drop_value(org_.model.add_unit(u, q1_day(20)));
       }},
      {"update_unit", "name",
       [&](const std::string& t) {
         Unit u = *org_.model.unit(org_.team);
         u.name = t;
         return org_.model.update_unit(u, q1_day(20));
       }},
      {"add_person", "name",
       [&](const std::string& t) {
         return drop_value(org_.model.add_person(
             Org::person(t, "person" + std::to_string(++n) + "@acme.test"), q1_day(20)));
       }},
      {"update_person", "name",
       [&](const std::string& t) {
         Person p = *org_.model.person(org_.cy);
         p.name = t;
         return org_.model.update_person(p, q1_day(20));
       }},
      {"add_period", "name",
       [&](const std::string& t) {
         return drop_value(
             org_.model.add_period(make_period(t, PeriodKind::kMonth, Date::from_ymd(2026, 2, 1),
                                               Date::from_ymd(2026, 2, 28), org_.q1),
                                   q1_day(20)));
       }},
      {"update_period", "name",
       [&](const std::string& t) {
         Period p = *org_.model.period(org_.q2);
         p.name = t;
         return org_.model.update_period(p, q1_day(20));
       }},
      {"set_organization", "name",
       [&](const std::string& t) {
         Organization o = org_.model.organization();
         o.name = t;
         return org_.model.set_organization(o, q1_day(20));
       }},
      {"organisation values", "values",
       [&](const std::string& t) {
         Organization o = org_.model.organization();
         o.values = {"Candour", t};
         return org_.model.set_organization(o, q1_day(20));
       }},
      {"add_initiative", "title",
       [&](const std::string& t) {
         Initiative i;
         i.title = t;
         i.target = NodeRef::of(kr_);
         return drop_value(org_.model.add_initiative(i, q1_day(20)));
       }},
  };
  const struct {
    std::string title;
    bool accepted;
    const char* what;
  } cases[] = {
      {"", false, "empty"},
      {"   ", false, "blank"},
      {" \t\r\n", false, "white space only"},
      {std::string(201, 'x'), false, "201 ASCII characters"},
      {repeat("é", 201), false, "201 two-byte characters"},
      {repeat("😀", 201), false, "201 four-byte characters"},
      {"x", true, "one character"},
      {std::string(200, 'x'), true, "200 ASCII characters"},
      {repeat("é", 200), true, "200 \"é\" (400 bytes)"},
      {repeat("😀", 200), true, "200 emoji (800 bytes)"},
      {repeat("日本", 100), true, "200 three-byte characters"},
  };
  for (const auto& command : commands) {
    for (const auto& c : cases) {
      SCOPED_TRACE(command.name + ": " + c.what);
      if (c.accepted) {
        must(command.run(c.title));
      } else {
        refused([&] { return command.run(c.title); }, command.field);
      }
    }
  }
}

TEST_F(ModelValidation, TextsAreAtMost10000Characters) {
  const std::vector<Command<std::string>> commands = {
      {"check-in note", "note",
       [&](const std::string& t) {
         CheckIn c = check_in();
         c.note = t;
         return add(c);
       }},
      {"objective description", "description",
       [&](const std::string& t) {
         Objective o = *org_.model.objective(objective_);
         o.description = t;
         return update(o);
       }},
      {"retrospective note", "retrospective_note",
       [&](const std::string& t) {
         Objective o = *org_.model.objective(objective_);
         o.retrospective_note = t;
         return update(o);
       }},
      {"mission", "mission",
       [&](const std::string& t) {
         Organization o = org_.model.organization();
         o.mission = t;
         return org_.model.set_organization(o, q1_day(20));
       }},
      {"vision", "vision",
       [&](const std::string& t) {
         Organization o = org_.model.organization();
         o.vision = t;
         return org_.model.set_organization(o, q1_day(20));
       }},
      {"comment", "body",
       [&](const std::string& t) {
         Comment c;
         c.target = NodeRef::of(objective_);
         c.author = org_.bob;
         c.body = t;
         return drop_value(org_.model.add_comment(c, q1_day(20)));
       }},
      {"retrospective answer", "answers",
       [&](const std::string& t) {
         Retrospective r;
         r.unit = org_.team;
         r.period = org_.q1;
         r.author = org_.bob;
         r.answers.lessons = t;
         return drop_value(org_.model.add_retrospective(r, q1_day(20)));
       }},
  };
  const struct {
    std::string text;
    bool accepted;
    const char* what;
  } cases[] = {
      {std::string(10'001, 'x'), false, "10,001 ASCII characters"},
      {repeat("é", 10'001), false, "10,001 two-byte characters"},
      {std::string(100'000, 'x'), false, "100,000 characters"},
      {std::string(10'000, 'x'), true, "10,000 ASCII characters"},
      {repeat("é", 10'000), true, "10,000 \"é\" (20,000 bytes)"},
      {"Shipped the beta to 12 teams.", true, "a short text"},
  };
  for (const auto& command : commands) {
    for (const auto& c : cases) {
      SCOPED_TRACE(command.name + ": " + c.what);
      if (c.accepted) {
        must(command.run(c.text));
      } else {
        refused([&] { return command.run(c.text); }, command.field);
      }
    }
  }
}

TEST_F(ModelValidation, ACommentNeedsABody) {
  for (const char* body : {"", "   ", "\n\t"}) {
    refused(
        [&] {
          Comment c;
          c.target = NodeRef::of(objective_);
          c.author = org_.bob;
          c.body = body;
          return drop_value(org_.model.add_comment(c, q1_day(20)));
        },
        "body");
  }
}

// ---- Numbers -------------------------------------------------------------------------

TEST_F(ModelValidation, NaNAndInfinityAreRefusedWhereverANumberComesIn) {
  const KeyResultId band = org_.band(objective_, 100, 200);
  const KeyResultId flag = org_.boolean(objective_);
  const KeyResultId steps = org_.milestones(objective_, {{"Design", 1}});
  const KeyResultId parent_kr = org_.metric(other_objective_, 0, 10);
  const std::vector<Command<double>> commands = {
      {"objective weight", "weight",
       [&](double v) {
         Objective o = org_.objective_spec();
         o.weight = v;
         return add(o);
       }},
      {"objective manual progress", "manual_progress",
       [&](double v) {
         Objective o = org_.objective_spec();
         o.progress_mode = ProgressMode::kManual;
         o.manual_progress = v;
         return add(o);
       }},
      {"updated objective weight", "weight",
       [&](double v) {
         Objective o = *org_.model.objective(objective_);
         o.weight = v;
         return update(o);
       }},
      {"updated manual progress", "manual_progress",
       [&](double v) {
         Objective o = *org_.model.objective(objective_);
         o.manual_progress = v;
         return update(o);
       }},
      {"key result weight", "weight",
       [&](double v) {
         KeyResult kr = key_result();
         kr.weight = v;
         return add(kr);
       }},
      {"metric start", "start",
       [&](double v) {
         KeyResult kr = key_result();
         kr.start = v;
         return add(kr);
       }},
      {"metric target", "target",
       [&](double v) {
         KeyResult kr = key_result();
         kr.target = v;
         return add(kr);
       }},
      {"metric low", "low",
       [&](double v) {
         KeyResult kr = key_result();
         kr.low = v;
         return add(kr);
       }},
      {"metric high", "high",
       [&](double v) {
         KeyResult kr = key_result();
         kr.high = v;
         return add(kr);
       }},
      {"band low", "low",
       [&](double v) {
         KeyResult kr = key_result();
         kr.kind = KeyResultKind::kBand;
         kr.target.reset();
         kr.low = v;
         kr.high = 10;
         return add(kr);
       }},
      {"band high", "high",
       [&](double v) {
         KeyResult kr = key_result();
         kr.kind = KeyResultKind::kBand;
         kr.target.reset();
         kr.high = v;
         return add(kr);
       }},
      {"boolean start", "start",
       [&](double v) {
         KeyResult kr = key_result();
         kr.kind = KeyResultKind::kBoolean;
         kr.target.reset();
         kr.start = v;
         return add(kr);
       }},
      {"boolean target", "target",
       [&](double v) {
         KeyResult kr = key_result();
         kr.kind = KeyResultKind::kBoolean;
         kr.target = v;
         return add(kr);
       }},
      {"milestone weight", "milestones.weight",
       [&](double v) {
         KeyResult kr = key_result();
         kr.kind = KeyResultKind::kMilestones;
         kr.target.reset();
         kr.milestones = {{"Design", 1}, {"Launch", v}};
         return add(kr);
       }},
      {"planned value", "plan.value",
       [&](double v) {
         KeyResult kr = key_result();
         kr.plan = {{q1_day(30), v}};
         return add(kr);
       }},
      {"updated start", "start",
       [&](double v) {
         KeyResult kr = *org_.model.key_result(kr_);
         kr.start = v;
         return update(kr);
       }},
      {"updated target", "target",
       [&](double v) {
         KeyResult kr = *org_.model.key_result(kr_);
         kr.target = v;
         return update(kr);
       }},
      {"updated key result weight", "weight",
       [&](double v) {
         KeyResult kr = *org_.model.key_result(kr_);
         kr.weight = v;
         return update(kr);
       }},
      {"metric check-in value", "value",
       [&](double v) {
         CheckIn c = check_in();
         c.measurement.value = v;
         return add(c);
       }},
      {"band check-in value", "value",
       [&](double v) {
         CheckIn c = org_.check_in_spec(band, v, q1_day(20));
         return add(c);
       }},
      {"boolean check-in value", "value",
       [&](double v) {
         CheckIn c = org_.check_in_spec(flag, v, q1_day(20));
         c.measurement.done = true;
         return add(c);
       }},
      {"milestones check-in value", "value",
       [&](double v) {
         CheckIn c = org_.check_in_spec(steps, v, q1_day(20));
         c.measurement.milestones_done = 1;
         return add(c);
       }},
      {"link weight", "weight",
       [&](double v) {
         AlignmentLink l;
         l.child = NodeRef::of(objective_);
         l.parent = NodeRef::of(parent_kr);
         l.weight = v;
         return drop_value(org_.model.add_link(l, q1_day(20)));
       }},
      {"updated link weight", "weight",
       [&](double v) { return org_.model.update_link(link_, v, true, q1_day(20)); }},
      {"status threshold", "settings.status.behind_gap",
       [&](double v) {
         Organization o = org_.model.organization();
         o.settings.status.behind_gap = v;
         return org_.model.set_organization(o, q1_day(20));
       }},
      {"confidence band", "settings.status",
       [&](double v) {
         Organization o = org_.model.organization();
         o.settings.status.behind_confidence_max = v;
         return org_.model.set_organization(o, q1_day(20));
       }},
  };
  for (const auto& command : commands) {
    for (double bad : {kNaN, kInf, -kInf}) {
      SCOPED_TRACE(::testing::Message() << command.name << " = " << bad);
      refused([&] { return command.run(bad); }, command.field);
    }
  }
}

TEST_F(ModelValidation, WeightsAreAtLeastZero) {
  // Children to link, one for each accepted link weight.
  std::vector<ObjectiveId> children;
  for (int i = 0; i < 3; ++i) {
    children.push_back(org_.objective("Child " + std::to_string(i), ProgressMode::kKeyResults,
                                      org_.q2, Owner::of_person(org_.cy)));
  }
  std::size_t next_child = 0;
  const std::vector<Command<double>> commands = {
      {"objective weight", "weight",
       [&](double v) {
         Objective o = org_.objective_spec();
         o.period = org_.q2;
         o.weight = v;
         return add(o);
       }},
      {"key result weight", "weight",
       [&](double v) {
         KeyResult kr = key_result();
         kr.weight = v;
         return add(kr);
       }},
      {"milestone weight", "milestones.weight",
       [&](double v) {
         KeyResult kr = key_result();
         kr.kind = KeyResultKind::kMilestones;
         kr.target.reset();
         kr.milestones = {{"Design", 1}, {"Launch", v}};
         return add(kr);
       }},
      {"link weight", "weight",
       [&](double v) {
         AlignmentLink l;
         l.child = NodeRef::of(children[next_child]);
         l.parent = NodeRef::of(other_objective_);
         l.weight = v;
         auto made = org_.model.add_link(l, q1_day(20));
         if (made) ++next_child;
         return drop_value(made);
       }},
      {"updated link weight", "weight",
       [&](double v) { return org_.model.update_link(link_, v, true, q1_day(20)); }},
  };
  for (const auto& command : commands) {
    for (double bad : {-1.0, -0.001, -1e300}) {
      SCOPED_TRACE(::testing::Message() << command.name << " = " << bad);
      refused([&] { return command.run(bad); }, command.field);
    }
    for (double fine : {0.0, 0.5, 1e6}) {
      SCOPED_TRACE(::testing::Message() << command.name << " = " << fine);
      must(command.run(fine));
    }
  }
}

TEST_F(ModelValidation, ManualProgressIsInTheUnitInterval) {
  for (double bad : {-0.01, 1.01, -1.0, 2.0}) {
    refused(
        [&] {
          Objective o = *org_.model.objective(objective_);
          o.manual_progress = bad;
          return update(o);
        },
        "manual_progress");
  }
  for (double fine : {0.0, 0.42, 1.0}) {
    Objective o = *org_.model.objective(objective_);
    o.progress_mode = ProgressMode::kManual;
    o.manual_progress = fine;
    must(update(o));
    EXPECT_EQ(org_.progress(objective_), fine);
  }
}

// ---- Check-ins ----------------------------------------------------------------------

TEST_F(ModelValidation, ConfidenceIsOneToTen) {
  for (int bad : {0, 11, -1, 100}) {
    SCOPED_TRACE(bad);
    refused(
        [&] {
          CheckIn c = check_in();
          c.confidence = bad;
          return add(c);
        },
        "confidence");
  }
  for (int fine : {1, 5, 10}) {
    CheckIn c = check_in();
    c.confidence = fine;
    must(add(c));
    EXPECT_EQ(org_.model.latest_check_in(kr_, q1_day(20))->confidence, fine);
  }
}

TEST_F(ModelValidation, CheckInAtMayLieAtMostFiveMinutesAheadAndNotBeforeThePeriod) {
  const Instant now = q1_day(20);
  const struct {
    Instant at;
    bool accepted;
    const char* what;
  } cases[] = {
      {now + 301, false, "5 minutes and 1 second ahead"},
      {now + 3600, false, "an hour ahead"},
      {now + 86400 * 30, false, "a month ahead"},
      {kQ1Start - 1, false, "a second before the period starts"},
      {kQ1Start - 86400 * 365, false, "a year before the period"},
      {now + 300, true, "5 minutes ahead"},
      {now + 1, true, "a second ahead"},
      {now, true, "now"},
      {q1_day(15), true, "backdated inside the period"},
      {kQ1Start, true, "the period's first instant"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    CheckIn ci = check_in();
    ci.at = c.at;
    if (c.accepted) {
      must(org_.model.add_check_in(ci, now));
    } else {
      refused([&] { return drop_value(org_.model.add_check_in(ci, now)); }, "at");
    }
  }
}

TEST_F(ModelValidation, CheckInsAreRefusedOnComputedKeyResults) {
  for (ProgressSource source : {ProgressSource::kChildren, ProgressSource::kSum}) {
    KeyResult kr = key_result();
    kr.source = source;
    const KeyResultId computed = org_.add(kr);
    refused([&] { return add(org_.check_in_spec(computed, 5, q1_day(20))); }, "value");
  }
}

TEST_F(ModelValidation, CheckInsNameExistingPeopleAndMilestones) {
  refused(
      [&] {
        CheckIn c = check_in();
        c.author = PersonId{42};
        return add(c);
      },
      "author");
  refused(
      [&] {
        CheckIn c = check_in();
        c.author = PersonId{};
        return add(c);
      },
      "author");
  refused(
      [&] {
        CheckIn c = check_in();
        c.on_behalf_of = PersonId{42};
        return add(c);
      },
      "on_behalf_of");
  refused([&] { return add(org_.check_in_spec(KeyResultId{999}, 1, q1_day(20))); }, "",
          ErrorCode::kNotFound);
  refused([&] { return add(org_.check_in_spec(KeyResultId{}, 1, q1_day(20))); }, "",
          ErrorCode::kNotFound);
  const KeyResultId steps = org_.milestones(objective_, {{"One", 1}, {"Two", 1}, {"Three", 1}});
  for (std::uint64_t bad : {std::uint64_t{0b1000}, std::uint64_t{0b1111}, ~std::uint64_t{0}}) {
    refused(
        [&] {
          CheckIn c = org_.check_in_spec(steps, 0, q1_day(20));
          c.measurement.milestones_done = bad;
          return add(c);
        },
        "milestones_done");
  }
  CheckIn fine = org_.check_in_spec(steps, 0, q1_day(20));
  fine.measurement.milestones_done = 0b111;
  must(add(fine));
  EXPECT_EQ(org_.p(steps), 1);
}

TEST_F(ModelValidation, ArchivedKeyResultsTakeNoCheckIns) {
  KeyResult kr = *org_.model.key_result(kr_);
  kr.archived = true;
  must(org_.model.update_key_result(kr, q1_day(15)));
  refused([&] { return add(check_in()); }, "key_result_id");
}

// ---- Key result shapes ---------------------------------------------------------------

TEST_F(ModelValidation, KeyResultShapes) {
  auto spoilt = [&](const std::function<void(KeyResult&)>& spoil) {
    KeyResult kr = key_result();
    spoil(kr);
    return kr;
  };
  const struct {
    const char* what;
    std::function<void(KeyResult&)> spoil;
    const char* field;
  } cases[] = {
      {"target equal to start",
       [](KeyResult& kr) {
         kr.start = 10;
         kr.target = 10;
       },
       "target"},
      {"band high below low",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kBand;
         kr.low = 10;
         kr.high = 9.99;
       },
       "high"},
      {"no milestones",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kMilestones;
         kr.milestones.clear();
       },
       "milestones"},
      {"65 milestones",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kMilestones;
         kr.milestones.assign(65, Milestone{"Step", 1});
       },
       "milestones"},
      {"sum on a boolean",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kBoolean;
         kr.source = ProgressSource::kSum;
       },
       "progress_source"},
      {"sum on milestones",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kMilestones;
         kr.milestones = {{"Step", 1}};
         kr.source = ProgressSource::kSum;
       },
       "progress_source"},
      {"sum on a band",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kBand;
         kr.low = 1;
         kr.high = 2;
         kr.source = ProgressSource::kSum;
       },
       "progress_source"},
      {"KPI source without a KPI", [](KeyResult& kr) { kr.source = ProgressSource::kKpi; },
       "kpi_id"},
      {"due before the start",
       [](KeyResult& kr) {
         kr.starts_at = q1_day(30);
         kr.due_at = q1_day(20);
       },
       "due_date"},
      {"due at the start",
       [](KeyResult& kr) {
         kr.starts_at = q1_day(30);
         kr.due_at = q1_day(30);
       },
       "due_date"},
      {"a plan on a boolean",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kBoolean;
         kr.plan = {{q1_day(30), 1}};
       },
       "plan"},
      {"a plan point after the due date",
       [](KeyResult& kr) {
         kr.plan = {{q1_day(95), 5}};
       },
       "plan.date"},
      {"plan points out of order",
       [](KeyResult& kr) {
         kr.plan = {{q1_day(60), 5}, {q1_day(30), 2}};
       },
       "plan.date"},
      {"a unit of 33 characters", [](KeyResult& kr) { kr.unit = std::string(33, 'u'); }, "unit"},
      {"a title of 201 characters", [](KeyResult& kr) { kr.title = std::string(201, 't'); },
       "title"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    refused([&] { return add(spoilt(c.spoil)); }, c.field);
    // The same on an update of an existing key result without check-ins.
    const KeyResultId fresh = org_.add(key_result());
    refused(
        [&] {
          KeyResult kr = spoilt(c.spoil);
          kr.id = fresh;
          return update(kr);
        },
        c.field);
  }
}

TEST_F(ModelValidation, KeyResultShapesAtTheirLimitsAreAccepted) {
  const struct {
    const char* what;
    std::function<void(KeyResult&)> shape;
  } cases[] = {
      {"a decreasing metric",
       [](KeyResult& kr) {
         kr.start = 10;
         kr.target = 0;
       }},
      {"a band of one value",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kBand;
         kr.low = 5;
         kr.high = 5;
       }},
      {"one milestone",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kMilestones;
         kr.milestones = {{"Only", 1}};
       }},
      {"64 milestones",
       [](KeyResult& kr) {
         kr.kind = KeyResultKind::kMilestones;
         kr.milestones.assign(64, Milestone{"Step", 1});
       }},
      {"a summing metric", [](KeyResult& kr) { kr.source = ProgressSource::kSum; }},
      {"a unit of 32 characters", [](KeyResult& kr) { kr.unit = repeat("é", 32); }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    KeyResult kr = key_result();
    c.shape(kr);
    must(add(kr));
  }
}

TEST_F(ModelValidation, TheKindCannotChangeOnceThereAreCheckIns) {
  refused(
      [&] {
        KeyResult kr = *org_.model.key_result(kr_);
        kr.kind = KeyResultKind::kBoolean;
        return update(kr);
      },
      "kind");
}

// ---- Unknown ids ---------------------------------------------------------------------

TEST_F(ModelValidation, UnknownIdsAreRefused) {
  const PersonId nobody{77};
  const struct {
    const char* what;
    std::function<Result<void>()> command;
    const char* field;
    ErrorCode code = ErrorCode::kInvalid;
  } cases[] = {
      {"objective in an unknown period",
       [&] {
         Objective o = org_.objective_spec();
         o.period = PeriodId{9};
         return add(o);
       },
       "period_id"},
      {"objective with no period",
       [&] {
         Objective o = org_.objective_spec();
         o.period = PeriodId{};
         return add(o);
       },
       "period_id"},
      {"objective of an unknown unit",
       [&] {
         Objective o = org_.objective_spec();
         o.owner = Owner::of_unit(UnitId{9});
         return add(o);
       },
       "owner.unit_id"},
      {"objective of an unknown person",
       [&] {
         Objective o = org_.objective_spec();
         o.owner = Owner::of_person(nobody);
         return add(o);
       },
       "owner.person_id"},
      {"objective with no owner",
       [&] {
         Objective o = org_.objective_spec();
         o.owner = Owner{};
         return add(o);
       },
       "owner"},
      {"objective with two owners",
       [&] {
         Objective o = org_.objective_spec();
         o.owner = Owner{org_.team, org_.bob};
         return add(o);
       },
       "owner"},
      {"objective rolled over from an unknown one",
       [&] {
         Objective o = org_.objective_spec();
         o.rolled_over_from = ObjectiveId{99};
         return add(o);
       },
       "rolled_over_from"},
      {"update of an unknown objective",
       [&] {
         Objective o = *org_.model.objective(objective_);
         o.id = ObjectiveId{99};
         return update(o);
       },
       "", ErrorCode::kNotFound},
      {"update moving an objective to an unknown period",
       [&] {
         Objective o = *org_.model.objective(objective_);
         o.period = PeriodId{9};
         return update(o);
       },
       "period_id"},
      {"key result of an unknown objective",
       [&] {
         KeyResult kr = key_result();
         kr.objective = ObjectiveId{99};
         return add(kr);
       },
       "objective_id"},
      {"key result of an unknown owner",
       [&] {
         KeyResult kr = key_result();
         kr.owner = nobody;
         return add(kr);
       },
       "owner_id"},
      {"key result with an unknown delegate",
       [&] {
         KeyResult kr = key_result();
         kr.delegates = {org_.cy, nobody};
         return add(kr);
       },
       "delegates"},
      {"update of an unknown key result",
       [&] {
         KeyResult kr = key_result();
         kr.id = KeyResultId{99};
         return update(kr);
       },
       "", ErrorCode::kNotFound},
      {"deleting an unknown check-in",
       [&] { return org_.model.delete_check_in(CheckInId{99}, q1_day(20)); }, "",
       ErrorCode::kNotFound},
      {"deleting no check-in", [&] { return org_.model.delete_check_in(CheckInId{}, q1_day(20)); },
       "", ErrorCode::kNotFound},
      {"link from an unknown objective",
       [&] {
         AlignmentLink l;
         l.child = NodeRef::of(ObjectiveId{99});
         l.parent = NodeRef::of(other_objective_);
         return drop_value(org_.model.add_link(l, q1_day(20)));
       },
       "child"},
      {"link to an unknown key result",
       [&] {
         AlignmentLink l;
         l.child = NodeRef::of(objective_);
         l.parent = NodeRef::of(KeyResultId{99});
         return drop_value(org_.model.add_link(l, q1_day(20)));
       },
       "parent"},
      {"updating an unknown link",
       [&] { return org_.model.update_link(LinkId{99}, 1, true, q1_day(20)); }, "",
       ErrorCode::kNotFound},
      {"removing an unknown link", [&] { return org_.model.remove_link(LinkId{99}, q1_day(20)); },
       "", ErrorCode::kNotFound},
      {"dependency from an unknown objective",
       [&] {
         Dependency d;
         d.from = NodeRef::of(ObjectiveId{99});
         d.to = NodeRef::of(objective_);
         return drop_value(org_.model.add_dependency(d, q1_day(20)));
       },
       "from"},
      {"dependency on an unknown key result",
       [&] {
         Dependency d;
         d.from = NodeRef::of(objective_);
         d.to = NodeRef::of(KeyResultId{99});
         return drop_value(org_.model.add_dependency(d, q1_day(20)));
       },
       "to"},
      {"unit under an unknown unit",
       [&] {
         Unit u;
         u.name = "Orphans";
         u.parent = UnitId{9};
         return drop_value(org_.model.add_unit(u, q1_day(20)));
       },
       "parent_id"},
      {"unit led by an unknown person",
       [&] {
         Unit u;
         u.name = "Ghosts";
         u.lead = nobody;
         return drop_value(org_.model.add_unit(u, q1_day(20)));
       },
       "lead_id"},
      {"unit with an unknown member",
       [&] {
         Unit u;
         u.name = "Ghosts";
         u.members = {org_.bob, nobody};
         return drop_value(org_.model.add_unit(u, q1_day(20)));
       },
       "members"},
      {"update of an unknown unit",
       [&] {
         Unit u = *org_.model.unit(org_.team);
         u.id = UnitId{9};
         return org_.model.update_unit(u, q1_day(20));
       },
       "", ErrorCode::kNotFound},
      {"person reporting to an unknown manager",
       [&] {
         return drop_value(org_.model.add_person(
             Org::person("Dee", "dee@acme.test", Role::kMember, nobody), q1_day(20)));
       },
       "manager_id"},
      {"update to an unknown manager",
       [&] {
         Person p = *org_.model.person(org_.cy);
         p.manager = nobody;
         return org_.model.update_person(p, q1_day(20));
       },
       "manager_id"},
      {"update of an unknown person",
       [&] {
         Person p = *org_.model.person(org_.cy);
         p.id = nobody;
         return org_.model.update_person(p, q1_day(20));
       },
       "", ErrorCode::kNotFound},
      {"period inside an unknown period",
       [&] {
         return drop_value(org_.model.add_period(
             make_period("Feb", PeriodKind::kMonth, Date::from_ymd(2026, 2, 1),
                         Date::from_ymd(2026, 2, 28), PeriodId{9}),
             q1_day(20)));
       },
       "parent_id"},
      {"update of an unknown period",
       [&] {
         Period p = *org_.model.period(org_.q2);
         p.id = PeriodId{9};
         return org_.model.update_period(p, q1_day(20));
       },
       "", ErrorCode::kNotFound},
      {"initiative for an unknown key result",
       [&] {
         Initiative i;
         i.title = "Run a webinar series";
         i.target = NodeRef::of(KeyResultId{99});
         return drop_value(org_.model.add_initiative(i, q1_day(20)));
       },
       "target"},
      {"initiative of an unknown owner",
       [&] {
         Initiative i;
         i.title = "Run a webinar series";
         i.target = NodeRef::of(kr_);
         i.owner = nobody;
         return drop_value(org_.model.add_initiative(i, q1_day(20)));
       },
       "owner_id"},
      {"comment by an unknown author",
       [&] {
         Comment c;
         c.target = NodeRef::of(objective_);
         c.author = nobody;
         c.body = "Nice.";
         return drop_value(org_.model.add_comment(c, q1_day(20)));
       },
       "author"},
      {"comment on an unknown check-in",
       [&] {
         Comment c;
         c.check_in = CheckInId{99};
         c.author = org_.bob;
         c.body = "Nice.";
         return drop_value(org_.model.add_comment(c, q1_day(20)));
       },
       "target.check_in_id"},
      {"retrospective of an unknown unit",
       [&] {
         Retrospective r;
         r.unit = UnitId{9};
         r.period = org_.q1;
         return drop_value(org_.model.add_retrospective(r, q1_day(20)));
       },
       "unit_id"},
      {"retrospective of an unknown period",
       [&] {
         Retrospective r;
         r.unit = org_.team;
         r.period = PeriodId{9};
         return drop_value(org_.model.add_retrospective(r, q1_day(20)));
       },
       "period_id"},
      {"closing an unknown period",
       [&] { return drop_value(org_.model.close_period(PeriodId{9}, q1_day(20))); }, "",
       ErrorCode::kNotFound},
      {"rolling over an unknown objective",
       [&] { return drop_value(org_.model.rollover(ObjectiveId{99}, org_.q2, q1_day(20))); }, "",
       ErrorCode::kNotFound},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    refused(c.command, c.field, c.code);
  }
}

// ---- People, units and periods --------------------------------------------------------

TEST_F(ModelValidation, EmailsAreUniqueWhateverTheirCase) {
  for (const char* taken : {"bob@acme.test", "BOB@acme.test", "Bob@Acme.Test", "bOb@ACME.TEST"}) {
    SCOPED_TRACE(taken);
    refused(
        [&] { return drop_value(org_.model.add_person(Org::person("Robert", taken), q1_day(20))); },
        "", ErrorCode::kConflict);
    refused(
        [&] {
          Person p = *org_.model.person(org_.cy);
          p.email = taken;
          return org_.model.update_person(p, q1_day(20));
        },
        "", ErrorCode::kConflict);
  }
  for (const char* bad : {"", "bob", "bob.acme.test"}) {
    SCOPED_TRACE(bad);
    refused(
        [&] { return drop_value(org_.model.add_person(Org::person("Robert", bad), q1_day(20))); },
        "email");
    refused(
        [&] {
          Person p = *org_.model.person(org_.cy);
          p.email = bad;
          return org_.model.update_person(p, q1_day(20));
        },
        "email");
  }
  const std::string too_long = std::string(245, 'a') + "@acme.test";  // 255 characters
  refused(
      [&] { return drop_value(org_.model.add_person(Org::person("Long", too_long), q1_day(20))); },
      "email");
  refused(
      [&] {
        Person p = *org_.model.person(org_.cy);
        p.email = too_long;
        return org_.model.update_person(p, q1_day(20));
      },
      "email");
  // A person may change the case of their own email; the old one is then free.
  Person bob = *org_.model.person(org_.bob);
  bob.email = "Bob@Acme.Test";
  must(org_.model.update_person(bob, q1_day(20)));
  EXPECT_EQ(org_.model.person_by_email("bob@acme.test"), org_.bob);
  bob.email = "robert@acme.test";
  must(org_.model.update_person(bob, q1_day(21)));
  EXPECT_FALSE(org_.model.person_by_email("bob@acme.test").valid());
  must(org_.model.add_person(Org::person("Bob II", "BOB@acme.test"), q1_day(22)));
}

TEST_F(ModelValidation, ReportingLinesHaveNoCycles) {
  // Ada ← Bob, Ada ← Cy; Dee reports to Cy.
  const PersonId dee = must(org_.model.add_person(
      Org::person("Dee", "dee@acme.test", Role::kMember, org_.cy), q1_day(20)));
  const struct {
    PersonId who;
    PersonId manager;
    const char* what;
  } cases[] = {
      {org_.ada, org_.ada, "oneself"},
      {org_.ada, org_.bob, "two people"},
      {org_.ada, dee, "three people"},
      {org_.cy, dee, "one's own report"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    refused(
        [&] {
          Person p = *org_.model.person(c.who);
          p.manager = c.manager;
          return org_.model.update_person(p, q1_day(21));
        },
        "manager_id");
  }
  Person bob = *org_.model.person(org_.bob);
  bob.manager = dee;  // a longer line without a cycle is fine
  must(org_.model.update_person(bob, q1_day(21)));
}

TEST_F(ModelValidation, TheUnitTreeHasOneCompanyAndNoCycles) {
  Unit sub;
  sub.name = "Platform / Storage";
  sub.parent = org_.team;
  const UnitId storage = must(org_.model.add_unit(sub, q1_day(20)));

  refused(
      [&] {
        Unit company;
        company.name = "Acme Holdings";
        company.kind = UnitKind::kCompany;
        return drop_value(org_.model.add_unit(company, q1_day(20)));
      },
      "", ErrorCode::kConflict);
  refused(
      [&] {
        Unit team = *org_.model.unit(org_.team);
        team.kind = UnitKind::kCompany;
        return org_.model.update_unit(team, q1_day(20));
      },
      "kind");
  refused(
      [&] {
        Unit company = *org_.model.unit(org_.company);
        company.kind = UnitKind::kFunction;
        return org_.model.update_unit(company, q1_day(20));
      },
      "kind");
  const struct {
    UnitId unit;
    UnitId parent;
    const char* what;
  } cases[] = {
      {org_.team, org_.team, "under itself"},
      {org_.team, storage, "under its own sub-unit"},
      {org_.company, storage, "the company under a unit"},
      {org_.team, UnitId{}, "a team without a parent"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    refused(
        [&] {
          Unit u = *org_.model.unit(c.unit);
          u.parent = c.parent;
          return org_.model.update_unit(u, q1_day(21));
        },
        "parent_id");
  }
  // A unit without a parent is placed under the company.
  Unit loose;
  loose.name = "Sales";
  loose.kind = UnitKind::kFunction;
  const UnitId sales = must(org_.model.add_unit(loose, q1_day(22)));
  EXPECT_EQ(org_.model.unit(sales)->parent, org_.company);
  Unit moved = *org_.model.unit(storage);
  moved.parent = sales;
  must(org_.model.update_unit(moved, q1_day(23)));
}

TEST_F(ModelValidation, PeriodsAreNonEmptyAndInsideTheirParent) {
  const struct {
    const char* what;
    Date start, end;
    PeriodId parent;
    const char* field;
  } cases[] = {
      {"end before start", Date::from_ymd(2026, 3, 31), Date::from_ymd(2026, 1, 1), {}, "end_date"},
      {"a quarter starting before its year", Date::from_ymd(2025, 12, 1),
       Date::from_ymd(2026, 2, 28), org_.year, "parent_id"},
      {"a quarter ending after its year", Date::from_ymd(2026, 11, 1), Date::from_ymd(2027, 1, 31),
       org_.year, "parent_id"},
      {"a quarter in another year", Date::from_ymd(2027, 1, 1), Date::from_ymd(2027, 3, 31),
       org_.year, "parent_id"},
      {"a month outside its quarter", Date::from_ymd(2026, 4, 1), Date::from_ymd(2026, 4, 30),
       org_.q1, "parent_id"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    refused(
        [&] {
          return drop_value(org_.model.add_period(
              make_period("P", PeriodKind::kQuarter, c.start, c.end, c.parent), q1_day(20)));
        },
        c.field);
    refused(
        [&] {
          Period p = make_period("Q2 2026", PeriodKind::kQuarter, c.start, c.end, c.parent);
          p.id = org_.q2;
          return org_.model.update_period(p, q1_day(20));
        },
        c.field);
  }
  refused(
      [&] {
        Period p = *org_.model.period(org_.q2);
        p.ends_at = p.starts_at;  // instants that do not follow the dates
        return drop_value(org_.model.add_period(p, q1_day(20)));
      },
      "end_date");
  refused(
      [&] {
        Period p = *org_.model.period(org_.year);
        p.parent = org_.year;
        return org_.model.update_period(p, q1_day(20));
      },
      "parent_id");
  // A one-day period, and a quarter exactly on its year's edges, are fine.
  must(org_.model.add_period(make_period("1 Jan", PeriodKind::kCustom, Date::from_ymd(2026, 1, 1),
                                         Date::from_ymd(2026, 1, 1), org_.q1),
                             q1_day(20)));
  must(org_.model.add_period(
      make_period("Q4 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 10, 1),
                  Date::from_ymd(2026, 12, 31), org_.year),
      q1_day(20)));
}

TEST_F(ModelValidation, SettingsAreValidated) {
  const struct {
    const char* what;
    std::function<void(Settings&)> spoil;
    const char* field;
  } cases[] = {
      {"weekday 0", [](Settings& s) { s.check_in.weekday = 0; }, "settings.check_in.weekday"},
      {"weekday 8", [](Settings& s) { s.check_in.weekday = 8; }, "settings.check_in.weekday"},
      {"hour 24", [](Settings& s) { s.check_in.hour = 24; }, "settings.check_in.hour"},
      {"hour -1", [](Settings& s) { s.check_in.hour = -1; }, "settings.check_in.hour"},
      {"behind gap above 1", [](Settings& s) { s.status.behind_gap = 1.5; },
       "settings.status.behind_gap"},
      {"at-risk gap below the behind gap", [](Settings& s) { s.status.at_risk_gap = 0.05; },
       "settings.status.at_risk_gap"},
      {"confidence bands crossed", [](Settings& s) { s.status.at_risk_confidence_max = 7; },
       "settings.status"},
      {"negative grace", [](Settings& s) { s.stale_grace_days = -1; }, "settings.stale_grace_days"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    refused(
        [&] {
          Organization o = org_.model.organization();
          c.spoil(o.settings);
          return org_.model.set_organization(o, q1_day(20));
        },
        c.field);
  }
}

TEST_F(ModelValidation, StateRulesForObjectives) {
  for (ObjectiveState state : {ObjectiveState::kClosed, ObjectiveState::kArchived}) {
    refused(
        [&] {
          Objective o = org_.objective_spec();
          o.state = state;
          return add(o);
        },
        "state");
  }
  // A key result cannot be added to an archived objective.
  Objective o = *org_.model.objective(other_objective_);
  o.state = ObjectiveState::kArchived;
  must(update(o));
  refused([&] { return add(org_.metric_spec(other_objective_, 0, 10)); }, "objective_id");
  const ObjectiveId another =
      org_.objective("Another", ProgressMode::kKeyResults, org_.q2, Owner::of_person(org_.cy));
  refused(
      [&] {
        AlignmentLink l;
        l.child = NodeRef::of(another);
        l.parent = NodeRef::of(other_objective_);
        return drop_value(org_.model.add_link(l, q1_day(20)));
      },
      "parent");
}

// ---- Check-in history -----------------------------------------------------------------

TEST(CheckInHistory, DeletingMarksTheCheckInAndThePreviousLatestBecomesCurrentAgain) {
  Org org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  const CheckInId first = org.check_in(kr, 20, q1_day(10));
  const CheckInId second = org.check_in(kr, 50, q1_day(20));
  ASSERT_EQ(org.c(kr), 50);

  must(org.model.delete_check_in(second, q1_day(30)));
  EXPECT_EQ(org.model.check_in_count(), 2u) << "nothing is erased";
  ASSERT_EQ(org.model.check_ins(kr).size(), 2u);
  const CheckIn* deleted = org.model.check_in(second);
  ASSERT_NE(deleted, nullptr);
  EXPECT_EQ(deleted->deleted_at, q1_day(30));
  EXPECT_EQ(deleted->measurement.value, 50) << "the check-in itself is unchanged";
  EXPECT_FALSE(org.model.check_in(first)->deleted_at.has_value());

  EXPECT_EQ(org.c(kr), 20) << "the previous latest is current again";
  EXPECT_EQ(org.p(kr), 0.2);
  EXPECT_EQ(org.progress(o), 0.2);
  EXPECT_EQ(org.model.latest_check_in(kr, q1_day(30))->id, first);
  EXPECT_EQ(org.model.latest_check_in(kr, q1_day(29))->id, second);
  // As of before the deletion, readers still see it.
  const Evaluation before(org.model, q1_day(25));
  EXPECT_EQ(before.key_result_view(kr).current, 50);
  EXPECT_EQ(before.latest_check_in(kr)->id, second);
  EXPECT_EQ(before.check_ins(kr).size(), 2u);
  const Evaluation after(org.model, q1_day(30));
  EXPECT_EQ(after.key_result_view(kr).current, 20);
  EXPECT_EQ(after.check_ins(kr).size(), 1u);

  // Deleting it again, or every check-in, is as expected.
  expect_refused(
      org.model, [&] { return org.model.delete_check_in(second, q1_day(31)); },
      ErrorCode::kNotFound, "");
  must(org.model.delete_check_in(first, q1_day(32)));
  EXPECT_EQ(org.c(kr), 0) << "back to the start";
  EXPECT_EQ(org.model.latest_check_in(kr, q1_day(32)), nullptr);
  EXPECT_FALSE(org.model.rollup().key_result(kr).started);
}

TEST(CheckInHistory, TheLatestIsByAtWithTiesToTheOneRecordedLast) {
  const struct {
    const char* what;
    // (value, at day, recorded day) in the order they are recorded
    std::vector<std::tuple<double, int, int>> check_ins;
    double current;
  } cases[] = {
      {"in order", {{10, 10, 10}, {20, 20, 20}, {30, 30, 30}}, 30},
      {"a backdated one does not replace a later one",
       {{10, 10, 10}, {30, 30, 30}, {20, 20, 31}},
       30},
      {"same at: the one recorded last", {{10, 20, 20}, {40, 20, 21}}, 40},
      {"same at, three of them", {{10, 20, 20}, {40, 20, 21}, {25, 20, 22}}, 25},
      {"same at as the latest, backdated", {{10, 10, 10}, {30, 30, 30}, {35, 30, 40}}, 35},
      {"an earlier at recorded last", {{10, 30, 30}, {99, 29, 31}}, 10},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Org org;
    const KeyResultId kr = org.metric(org.objective(), 0, 100);
    for (const auto& [value, at, recorded] : c.check_ins) {
      org.check_in(kr, value, q1_day(at), q1_day(recorded));
    }
    EXPECT_EQ(org.c(kr), c.current);
    EXPECT_EQ(org.model.latest_check_in(kr, Instant::max())->measurement.value, c.current);
    EXPECT_EQ(Evaluation(org.model, q1_day(60)).key_result_view(kr).current, c.current);
    EXPECT_EQ(
        Evaluation(org.model, q1_day(60), Evaluation::Mode::kRebuild).key_result_view(kr).current,
        c.current);
    // Stored in (at, recording) order.
    const auto stored = org.model.check_ins(kr);
    for (std::size_t i = 1; i < stored.size(); ++i) {
      EXPECT_TRUE(stored[i - 1].at < stored[i].at ||
                  (stored[i - 1].at == stored[i].at && stored[i - 1].id < stored[i].id))
          << i;
    }
  }
}

TEST(CheckInHistory, ABackdatedCheckInIsInsertedInOrderAndSeenOnlyOnceRecorded) {
  Org org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  const CheckInId a = org.check_in(kr, 20, q1_day(10));
  const CheckInId c = org.check_in(kr, 60, q1_day(30));
  const CheckInId b = org.check_in(kr, 40, q1_day(20), q1_day(31));  // backdated
  const auto stored = org.model.check_ins(kr);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].id, a);
  EXPECT_EQ(stored[1].id, b);
  EXPECT_EQ(stored[2].id, c);
  EXPECT_EQ(stored[1].at, q1_day(20));
  EXPECT_EQ(stored[1].recorded_at, q1_day(31));
  EXPECT_EQ(org.c(kr), 60);
  // Deleting the latest makes the backdated one current.
  must(org.model.delete_check_in(c, q1_day(32)));
  EXPECT_EQ(org.c(kr), 40);
  // As of before it was recorded, the backdated check-in is not seen.
  EXPECT_EQ(Evaluation(org.model, q1_day(25)).key_result_view(kr).current, 20);
  EXPECT_EQ(Evaluation(org.model, q1_day(31)).key_result_view(kr).current, 60);
  EXPECT_EQ(Evaluation(org.model, q1_day(32)).key_result_view(kr).current, 40);
}

TEST(CheckInHistory, CheckInsAreNumberedInTheOrderTheyAreRecorded) {
  Org org;
  const KeyResultId a = org.metric(org.objective(), 0, 100);
  const KeyResultId b = org.metric(org.objective("Second"), 0, 100);
  const CheckInId first = org.check_in(a, 10, q1_day(10));
  const CheckInId second = org.check_in(b, 10, q1_day(5), q1_day(11));
  const CheckInId third = org.check_in(a, 10, q1_day(12));
  EXPECT_EQ(first.value(), 0u);
  EXPECT_EQ(second.value(), 1u);
  EXPECT_EQ(third.value(), 2u);
  EXPECT_EQ(org.model.check_in(second)->key_result, b);
  EXPECT_EQ(org.model.check_in(second)->recorded_at, q1_day(11));
  EXPECT_EQ(org.model.check_in(CheckInId{3}), nullptr);
}

}  // namespace
}  // namespace cairn::core
