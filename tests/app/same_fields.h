// Field-by-field comparison of entities and commands for the JSON tests. It
// lists every field again, independently of src/app/entity_json.cc, so that a
// field the production code forgets shows up as a difference. Doubles compare
// by their bits: -0.0 is not 0.0 and one ulp off is a failure.
#pragma once

#include <string>

#include "app/command.h"

namespace cairn::app::testing {

// Adds a gtest failure naming the path of every field that differs.
void expect_same(const Command& a, const Command& b);

void expect_same(const std::string& path, const core::Organization& a, const core::Organization& b);
void expect_same(const std::string& path, const core::Settings& a, const core::Settings& b);
void expect_same(const std::string& path, const core::CheckInCadence& a,
                 const core::CheckInCadence& b);
void expect_same(const std::string& path, const core::StatusThresholds& a,
                 const core::StatusThresholds& b);
void expect_same(const std::string& path, const core::Unit& a, const core::Unit& b);
void expect_same(const std::string& path, const core::Person& a, const core::Person& b);
void expect_same(const std::string& path, const core::Period& a, const core::Period& b);
void expect_same(const std::string& path, const core::Objective& a, const core::Objective& b);
void expect_same(const std::string& path, const core::Owner& a, const core::Owner& b);
void expect_same(const std::string& path, const core::ScoreOverride& a,
                 const core::ScoreOverride& b);
void expect_same(const std::string& path, const core::KeyResult& a, const core::KeyResult& b);
void expect_same(const std::string& path, const core::Milestone& a, const core::Milestone& b);
void expect_same(const std::string& path, const core::PlanPoint& a, const core::PlanPoint& b);
void expect_same(const std::string& path, const core::CheckIn& a, const core::CheckIn& b);
void expect_same(const std::string& path, const core::Measurement& a, const core::Measurement& b);
void expect_same(const std::string& path, const core::AlignmentLink& a,
                 const core::AlignmentLink& b);
void expect_same(const std::string& path, const core::Dependency& a, const core::Dependency& b);
void expect_same(const std::string& path, const core::Initiative& a, const core::Initiative& b);
void expect_same(const std::string& path, const core::Comment& a, const core::Comment& b);
void expect_same(const std::string& path, const core::Reaction& a, const core::Reaction& b);
void expect_same(const std::string& path, const core::RetrospectiveAnswers& a,
                 const core::RetrospectiveAnswers& b);
void expect_same(const std::string& path, const core::Retrospective& a,
                 const core::Retrospective& b);
void expect_same(const std::string& path, const core::Kpi& a, const core::Kpi& b);
void expect_same(const std::string& path, const core::KpiValue& a, const core::KpiValue& b);

// True when both doubles have the same bits.
bool same_bits(double a, double b);

}  // namespace cairn::app::testing
