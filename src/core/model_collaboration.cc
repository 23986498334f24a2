// Model commands for what people add around the OKRs: initiatives, comments
// and their reactions, retrospectives.
#include <algorithm>

#include "core/mentions.h"
#include "core/model.h"
#include "core/validation.h"

namespace cairn::core {
namespace {

constexpr std::size_t kMaxUrlLength = 2'000;

// A link people click: only web addresses, so no `javascript:` URL can hide
// behind an initiative.
Result<void> check_url(std::string_view url) {
  if (url.empty()) return {};
  if (url.size() > kMaxUrlLength) return invalid("url", "must be at most 2000 characters");
  if (!url.starts_with("https://") && !url.starts_with("http://")) {
    return invalid("url", "must be an http:// or https:// address");
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ') return invalid("url", "must not contain spaces");
  }
  return {};
}

}  // namespace

bool is_reaction_name(std::string_view name) {
  return std::find(std::begin(kReactionNames), std::end(kReactionNames), name) !=
         std::end(kReactionNames);
}

Result<void> Model::validate_initiative(const Initiative& initiative) const {
  CAIRN_TRY(check_title("title", initiative.title));
  const bool target_ok = initiative.target.is_objective()
                             ? objective(initiative.target.objective()) != nullptr
                             : key_result(initiative.target.key_result()) != nullptr;
  if (!target_ok) return invalid("target", "no such objective or key result");
  if (initiative.owner.valid() && !person(initiative.owner)) {
    return invalid("owner_id", "no such person");
  }
  return check_url(initiative.url);
}

Result<InitiativeId> Model::add_initiative(Initiative initiative, Instant now) {
  CAIRN_TRY(validate_initiative(initiative));
  initiative.id = InitiativeId{static_cast<std::uint32_t>(initiatives_.size())};
  initiative.created_at = now;
  record(initiatives_, initiative.id, now, initiative);
  touch(now);
  return initiative.id;
}

Result<void> Model::update_initiative(Initiative initiative, Instant now) {
  const Initiative* old = this->initiative(initiative.id);
  if (!old) return not_found("initiative");
  if (!(initiative.target == old->target)) {
    return invalid("target", "an initiative stays with its key result or objective");
  }
  CAIRN_TRY(validate_initiative(initiative));
  initiative.created_at = old->created_at;
  record(initiatives_, initiative.id, now, std::move(initiative));
  touch(now);
  return {};
}

Result<CommentId> Model::add_comment(Comment comment, Instant now) {
  if (comment.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid("body", "must not be empty");
  }
  CAIRN_TRY(check_text("body", comment.body));
  if (comment.check_in.valid()) {
    const CheckIn* c = check_in(comment.check_in);
    if (!c) return invalid("target.check_in_id", "no such check-in");
    comment.target = NodeRef::of(c->key_result);
  }
  const bool target_ok = comment.target.is_objective()
                             ? objective(comment.target.objective()) != nullptr
                             : key_result(comment.target.key_result()) != nullptr;
  if (!target_ok) return invalid("target", "no such objective or key result");
  if (!person(comment.author)) return invalid("author", "no such person");
  comment.id = CommentId{static_cast<std::uint32_t>(comments_.size())};
  comment.at = now;
  comment.mentions.clear();
  for (const std::string& email : mentioned_emails(comment.body)) {
    const PersonId mentioned = person_by_email(email);
    if (mentioned.valid()) comment.mentions.push_back(mentioned);
  }
  comment.reactions.clear();
  record(comments_, comment.id, now, comment);
  touch(now);
  return comment.id;
}

Result<void> Model::add_reaction(CommentId id, PersonId person, std::string emoji, Instant now) {
  const Comment* old = comment(id);
  if (!old) return not_found("comment");
  if (!this->person(person)) return invalid("person", "no such person");
  if (!is_reaction_name(emoji)) {
    return invalid("emoji",
                   "must be one of +1, -1, heart, tada, laugh, eyes, rocket, clap, "
                   "fire, thinking");
  }
  for (const Reaction& r : old->reactions) {
    if (r.person == person && r.emoji == emoji) return {};  // given already
  }
  Comment next = *old;
  next.reactions.push_back(Reaction{person, std::move(emoji), now});
  record(comments_, id, now, std::move(next));
  touch(now);
  return {};
}

Result<RetrospectiveId> Model::add_retrospective(Retrospective retro, Instant now) {
  if (!unit(retro.unit)) return invalid("unit_id", "no such unit");
  if (!period(retro.period)) return invalid("period_id", "no such period");
  const RetrospectiveAnswers& a = retro.answers;
  bool answered = false;
  for (const std::string* text : {&a.first_okrs, &a.aligned, &a.went_well, &a.improve,
                                  &a.company_changes, &a.changed_dependencies, &a.lessons}) {
    CAIRN_TRY(check_text("answers", *text));
    answered = answered || !text->empty();
  }
  if (!answered) return invalid("answers", "answer at least one of the questions");
  retro.id = RetrospectiveId{static_cast<std::uint32_t>(retrospectives_.size())};
  retro.recorded_at = now;
  note(EntityKind::kRetrospective, static_cast<std::uint32_t>(retrospectives_.size()), 0);
  retrospectives_.push_back(std::move(retro));
  touch(now);
  return retrospectives_.back().id;
}

}  // namespace cairn::core
