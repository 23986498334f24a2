#include "app/curl_transport.h"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

namespace cairn::app {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t discard(char*, size_t size, size_t count, void*) {
  return size * count;
}

struct UploadReader {
  std::string_view text;
};
size_t read_text(char* buffer, size_t size, size_t count, void* user) {
  auto* reader = static_cast<UploadReader*>(user);
  const size_t n = std::min(size * count, reader->text.size());
  std::copy_n(reader->text.data(), n, buffer);
  reader->text.remove_prefix(n);
  return n;
}

// An RFC 5322 message: headers, a blank line, the body with CRLF line ends.
std::string message(const SmtpOptions& smtp, const Email& email) {
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  // Non-ASCII subjects are sent as an RFC 2047 encoded word (base64 UTF-8).
  auto encoded = [](std::string_view text) {
    bool ascii = true;
    for (unsigned char c : text) ascii = ascii && c < 128 && c >= 32;
    if (ascii) return std::string(text);
    std::string b64(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(text.data()),
                      text.size(), sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    return "=?UTF-8?B?" + b64 + "?=";
  };
  std::string out = "Date: " + std::string(date) + "\r\nFrom: " + smtp.from +
                    "\r\nTo: " + email.to + "\r\nSubject: " + encoded(email.subject) +
                    "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    "Content-Transfer-Encoding: 8bit\r\n\r\n";
  for (std::size_t i = 0; i < email.body.size(); ++i) {
    if (email.body[i] == '\n' && (i == 0 || email.body[i - 1] != '\r')) out += '\r';
    out += email.body[i];
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace

CurlTransport::CurlTransport(SmtpOptions smtp, std::chrono::milliseconds timeout)
    : smtp_(std::move(smtp)), timeout_(timeout) {
  global_init();
}

core::Result<void> CurlTransport::post(const HttpPost& post) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return core::unavailable("libcurl could not start");
  std::unique_ptr<curl_slist, ListDeleter> headers;
  for (const auto& [name, value] : post.headers) {
    headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
  }
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, post.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, post.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Cairn-Webhooks/1");
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return core::unavailable(*error ? error : curl_easy_strerror(code));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) return core::unavailable("HTTP " + std::to_string(status));
  return {};
}

namespace {

struct Collector {
  std::string body;
  std::size_t max = 0;
  bool too_long = false;
};
size_t collect(char* data, size_t size, size_t count, void* user) {
  auto* c = static_cast<Collector*>(user);
  const size_t n = size * count;
  if (c->body.size() + n > c->max) {
    c->too_long = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  c->body.append(data, n);
  return n;
}

}  // namespace

core::Result<HttpAnswer> http_get(const HttpGet& get) {
  global_init();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return core::unavailable("libcurl could not start");
  std::unique_ptr<curl_slist, ListDeleter> headers;
  for (const auto& [name, value] : get.headers) {
    headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
  }
  CURL* c = curl.get();
  Collector collector;
  collector.max = get.max_body;
  curl_easy_setopt(c, CURLOPT_URL, get.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Cairn-KPI/1");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(get.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(get.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &collector);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(c);
  if (collector.too_long) {
    return core::unavailable("the answer is longer than " + std::to_string(get.max_body) +
                             " bytes");
  }
  if (code != CURLE_OK) return core::unavailable(*error ? error : curl_easy_strerror(code));
  HttpAnswer answer;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  answer.body = std::move(collector.body);
  return answer;
}

core::Result<void> CurlTransport::send(const Email& email) {
  if (smtp_.url.empty()) return core::unavailable("SMTP is not configured");
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return core::unavailable("libcurl could not start");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, smtp_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (smtp_.tls == "starttls") curl_easy_setopt(c, CURLOPT_USE_SSL, CURLUSESSL_ALL);
  if (!smtp_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, smtp_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, smtp_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + smtp_.from + ">").c_str());
  std::unique_ptr<curl_slist, ListDeleter> to(curl_slist_append(nullptr, email.to.c_str()));
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, to.get());
  const std::string text = message(smtp_, email);
  UploadReader reader{text};
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_text);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) return core::unavailable(*error ? error : curl_easy_strerror(code));
  return {};
}

}  // namespace cairn::app
