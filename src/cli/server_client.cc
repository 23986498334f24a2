#include "cli/server_client.h"

#include <curl/curl.h>
#include <toml++/toml.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace cairn::cli {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::filesystem::path config_path() {
  if (const std::string given = environment("CAIRN_CONFIG"); !given.empty()) return given;
  if (const std::string xdg = environment("XDG_CONFIG_HOME"); !xdg.empty()) {
    return std::filesystem::path(xdg) / "cairn" / "cli.toml";
  }
  return std::filesystem::path(environment("HOME")) / ".config" / "cairn" / "cli.toml";
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

ClientSettings client_settings(const std::string& server_flag, const std::string& token_flag,
                               const std::string& command) {
  ClientSettings settings{server_flag, token_flag};
  if (settings.server.empty()) settings.server = environment("CAIRN_SERVER");
  if (settings.token.empty()) settings.token = environment("CAIRN_TOKEN");
  const std::filesystem::path path = config_path();
  if ((settings.server.empty() || settings.token.empty()) && std::filesystem::exists(path)) {
    try {
      const toml::table config = toml::parse_file(path.string());
      if (settings.server.empty()) settings.server = config["server"].value_or(std::string());
      if (settings.token.empty()) settings.token = config["token"].value_or(std::string());
    } catch (const toml::parse_error& e) {
      std::cerr << "cairn " << command << ": " << path.string() << ":" << e.source().begin.line
                << ": " << e.description() << '\n';
      throw CLI::RuntimeError(kExitUsage);
    }
  }
  if (settings.server.empty()) settings.server = "http://localhost:8080";
  while (settings.server.ends_with('/')) settings.server.pop_back();
  if (settings.token.empty()) {
    std::cerr << "cairn " << command
              << ": give an API token with --token, CAIRN_TOKEN or token = \"…\" in "
              << path.string() << " (create one in the web app or with cairn token create)\n";
    throw CLI::RuntimeError(kExitUnauthorized);
  }
  return settings;
}

std::string problem_detail(const ApiReply& reply) {
  if (const auto* object = reply.body.if_object()) {
    for (const char* key : {"detail", "title"}) {
      if (const auto* text = object->if_contains(key); text && text->is_string()) {
        return std::string(text->get_string());
      }
    }
  }
  return "the server answered " + std::to_string(reply.status);
}

void ServerClient::fail(int code, const std::string& message) const {
  std::cerr << "cairn " << command_ << ": " << message << '\n';
  throw CLI::RuntimeError(code);
}

ApiReply ServerClient::send(const char* method, std::string_view path,
                            const std::string* body) const {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) fail(kExitRefused, "libcurl could not start");
  const std::string url = settings_.server + "/api/v1" + std::string(path);
  ApiReply reply;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Authorization: Bearer " + settings_.token).c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  if (body) headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, method);
  if (body) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body->c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
  }
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply.text);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl.get(), CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  const CURLcode result = curl_easy_perform(curl.get());
  curl_slist_free_all(headers);
  if (result != CURLE_OK) {
    fail(kExitUnreachable,
         "cannot reach the server at " + settings_.server + ": " + curl_easy_strerror(result));
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
  boost::system::error_code ec;
  reply.body = boost::json::parse(reply.text, ec);
  if (ec) reply.body = nullptr;
  if (reply.status == 401) {
    fail(kExitUnauthorized, "the server refused the API token (" + problem_detail(reply) + ")");
  }
  if (reply.status == 403) fail(kExitUnauthorized, problem_detail(reply));
  return reply;
}

ApiReply ServerClient::get(std::string_view path) const {
  return send("GET", path, nullptr);
}

ApiReply ServerClient::post(std::string_view path, const boost::json::value& body) const {
  const std::string text = boost::json::serialize(body);
  return send("POST", path, &text);
}

boost::json::value ServerClient::get_ok(std::string_view path) const {
  ApiReply reply = get(path);
  if (reply.status != 200) fail(kExitRefused, problem_detail(reply));
  return std::move(reply.body);
}

}  // namespace cairn::cli
