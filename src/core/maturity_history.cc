#include "core/maturity_history.h"

#include <algorithm>
#include <tuple>

namespace cairn::core {

std::vector<MaturityMilestone> maturity_history(const Evaluation& eval) {
  std::vector<const Period*> ended;
  for (std::uint32_t i = 0; i < eval.model().period_count(); ++i) {
    const Period* p = eval.period(PeriodId{i});
    if (p && p->ends_at <= eval.as_of()) ended.push_back(p);
  }
  std::sort(ended.begin(), ended.end(), [](const Period* a, const Period* b) {
    return std::tuple(a->ends_at, a->starts_at, a->id.value()) <
           std::tuple(b->ends_at, b->starts_at, b->id.value());
  });

  std::vector<MaturityMilestone> out;
  out.reserve(ended.size());
  for (const Period* p : ended) {
    // Periods that end together (a year and its last quarter) share one assessment.
    if (!out.empty() && out.back().ends_at == p->ends_at) {
      MaturityMilestone same = out.back();
      same.period = p->id;
      same.name = p->name;
      same.end_date = p->end_date;
      out.push_back(std::move(same));
      continue;
    }
    const MaturityReport report = assess_maturity(Evaluation(eval.model(), p->ends_at));
    MaturityMilestone m{p->id,        p->name, p->end_date,           p->ends_at,
                        report.stage, 0,       report.criteria.size()};
    m.passed = static_cast<std::size_t>(
        std::count_if(report.criteria.begin(), report.criteria.end(),
                      [](const MaturityCriterion& c) { return c.passed; }));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace cairn::core
