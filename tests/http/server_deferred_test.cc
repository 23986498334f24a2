// Answers that arrive later (Response::later): a write waiting for its group
// commit holds no server thread, its answer is made on the connection's own
// thread, a failure on either side is a 500, and a server that stops while
// an answer is pending neither crashes nor answers.
#include <gtest/gtest.h>

#include <condition_variable>
#include <thread>

#include "server_fixture.h"

namespace cairn::http::testing {
namespace {

// The Resume of each deferred request, handed out to the test.
class Pending {
 public:
  void add(Response::Resume resume) {
    std::lock_guard lock(mutex_);
    waiting_.push_back(std::move(resume));
    changed_.notify_all();
  }
  // The oldest waiting Resume, once there is one.
  Response::Resume take(std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [this] { return !waiting_.empty(); })) return {};
    Response::Resume resume = std::move(waiting_.front());
    waiting_.erase(waiting_.begin());
    return resume;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Response::Resume> waiting_;
};

class DeferredTest : public ServerTest {
 protected:
  DeferredTest() {
    router_.add("POST", "/later", [this](Request&) {
      return Response::deferred(
          [this](Response::Resume resume) { pending_.add(std::move(resume)); });
    });
    router_.add("POST", "/later-throws", [](Request&) {
      return Response::deferred(
          [](Response::Resume) { throw std::runtime_error("could not queue it"); });
    });
    // Resumed before `later` even returns.
    router_.add("POST", "/at-once", [](Request& request) {
      return Response::deferred([body = request.body](Response::Resume resume) {
        resume([body] { return Response::json(200, body); });
      });
    });
  }
  Pending pending_;
};

TEST_F(DeferredTest, AnAnswerResumedFromAnotherThreadArrivesAndHeldNoServerThread) {
  start();  // two server threads
  TestClient waiting(port()), also_waiting(port());
  ASSERT_TRUE(waiting.send(request_text("POST", "/later", "", "{}")));
  Response::Resume resume = pending_.take();
  ASSERT_TRUE(resume);
  ASSERT_TRUE(also_waiting.send(request_text("POST", "/later", "", "{}")));
  Response::Resume resume_also = pending_.take();
  ASSERT_TRUE(resume_also);
  // While more answers wait than the server has threads, it answers others.
  for (int i = 0; i < 20; ++i) EXPECT_EQ(fetch(port(), "GET", "/hello")->status, 200);
  EXPECT_FALSE(waiting.read_reply(false, 100ms)) << "nothing before it is resumed";

  std::thread elsewhere([&] {
    resume([thread = std::this_thread::get_id()] {
      // Made on a server thread, not on the one that resumed.
      EXPECT_NE(std::this_thread::get_id(), thread);
      return Response::json(201, R"({"made":"later"})");
    });
  });
  elsewhere.join();
  auto reply = waiting.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(reply->body, R"({"made":"later"})");
  ASSERT_NE(reply->header("x-content-type-options"), nullptr) << "the security headers too";
  // The connection goes on with the next request.
  ASSERT_TRUE(waiting.send(request_text("GET", "/hello")));
  EXPECT_EQ(waiting.read_reply()->status, 200);
}

TEST_F(DeferredTest, AnswersResumedAtOnceOrOutOfOrderReachTheirOwnConnections) {
  start();
  EXPECT_EQ(fetch(port(), "POST", "/at-once", "", "\"now\"")->body, "\"now\"");

  TestClient first(port()), second(port());
  ASSERT_TRUE(first.send(request_text("POST", "/later", "", "{}")));
  Response::Resume resume_first = pending_.take();
  ASSERT_TRUE(second.send(request_text("POST", "/later", "", "{}")));
  Response::Resume resume_second = pending_.take();
  ASSERT_TRUE(resume_first && resume_second);
  resume_second([] { return Response::json(200, "2"); });
  EXPECT_EQ(second.read_reply()->body, "2");
  resume_first([] { return Response::json(200, "1"); });
  EXPECT_EQ(first.read_reply()->body, "1");
}

TEST_F(DeferredTest, AFailureOnEitherSideIsA500AndTheConnectionLivesOn) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("POST", "/later-throws", "", "{}")));
  auto reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);

  ASSERT_TRUE(client.send(request_text("POST", "/later", "", "{}")));
  pending_.take()([]() -> Response { throw std::runtime_error("the answer failed"); });
  reply = client.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  ASSERT_TRUE(client.send(request_text("GET", "/hello")));
  EXPECT_EQ(client.read_reply()->status, 200);
}

TEST_F(DeferredTest, AServerStoppedWhileAnAnswerIsPendingIgnoresItsResume) {
  start();
  TestClient client(port());
  ASSERT_TRUE(client.send(request_text("POST", "/later", "", "{}")));
  Response::Resume resume = pending_.take();
  ASSERT_TRUE(resume);
  server_.reset();  // stops and destroys the server, connections and all
  bool made = false;
  resume([&made] {
    made = true;
    return Response::json(200, "{}");
  });
  EXPECT_FALSE(made) << "nothing runs for a connection that is gone";
}

}  // namespace
}  // namespace cairn::http::testing
