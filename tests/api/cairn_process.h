// The real `cairn serve` binary, started on a free port for the API tests and
// stopped with SIGTERM when the test ends.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace cairn::api::testing {

class CairnProcess {
 public:
  // Runs `cairn serve --listen 127.0.0.1:0 --database <database> <extra...>`
  // and waits for the line that names its port, which it prints last. Its
  // stderr (the log) goes to `log_file` when one is named.
  CairnProcess(const std::string& database, std::vector<std::string> extra = {},
               const std::string& log_file = {}) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      // A test that crashes must not leave its server behind.
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      dup2(out[1], STDOUT_FILENO);
      if (!log_file.empty()) {
        FILE* log = fopen(log_file.c_str(), "a");
        if (log) dup2(fileno(log), STDERR_FILENO);
      }
      close(out[0]);
      std::vector<std::string> args{CAIRN_BINARY, "serve",  "--listen",  "127.0.0.1:0",
                                    "--database", database, "--threads", "2"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(CAIRN_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    output_ = fdopen(out[0], "r");
    const std::string marker = "Cairn is listening on http://127.0.0.1:";
    char line[4096];
    while (fgets(line, sizeof line, output_)) {
      printed_ += line;
      const std::string text(line);
      const std::size_t at = text.find(marker);
      if (at != std::string::npos) {
        port_ = static_cast<unsigned short>(std::stoi(text.substr(at + marker.size())));
        break;
      }
    }
    if (port_ == 0) throw std::runtime_error("cairn serve did not start: " + printed_);
  }
  ~CairnProcess() { stop(); }

  // SIGTERM and wait; returns the exit status.
  int stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    waitpid(pid_, &status_, 0);
    pid_ = -1;
    if (output_) fclose(output_);
    output_ = nullptr;
    return status_;
  }

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& printed() const { return printed_; }

 private:
  pid_t pid_ = -1;
  FILE* output_ = nullptr;
  unsigned short port_ = 0;
  std::string printed_;
  int status_ = 0;
};

}  // namespace cairn::api::testing
