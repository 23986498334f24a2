#include "fuzz/outbox_check.h"

#include <boost/json/parse.hpp>
#include <iostream>

#include "fuzz/finding.h"
#include "http/utf8.h"

namespace cairn::fuzz {
namespace {

bool has_control_character(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 32 || c == 127) return true;
  }
  return false;
}

}  // namespace

void check_outbox(DemoServer& server) {
  app::Service& service = server.service();
  // The admin reads the outbox; one the input deactivated reads nothing.
  auto admin = service.authenticate_token(kAdminToken);
  if (!admin) return;
  store::DeliveryQuery query;
  query.limit = 1000;
  auto deliveries = service.deliveries(*admin, query);
  if (!deliveries) finding("the outbox cannot be read", deliveries.error().message);
  if (tracing()) std::cerr << "cairn fuzz: outbox: " << deliveries->size() << " deliveries\n";
  for (const store::DeliveryRecord& d : *deliveries) {
    const std::string what = d.channel + " " + d.target + " " + d.event + "\n";
    if (d.channel == "webhook") {
      boost::system::error_code ec;
      boost::json::parse(d.body, ec);
      if (ec)
        finding("a webhook call whose body is not JSON (" + ec.message() + ")", what + d.body);
    } else if (d.channel == "email") {
      if (has_control_character(d.target))
        finding("an email to an address that breaks its header", what);
      if (!http::is_valid_utf8(d.subject) || !http::is_valid_utf8(d.body)) {
        finding("an email that is not UTF-8", what + d.subject + "\n" + d.body);
      }
    } else {
      finding("a delivery on an unknown channel", what);
    }
  }
}

}  // namespace cairn::fuzz
