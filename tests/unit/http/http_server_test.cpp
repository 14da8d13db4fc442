#include "http/http_server.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <csignal>
#include <future>
#include <map>
#include <thread>

#include "http/responses.hpp"
#include "http/router.hpp"

namespace mytoken {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

// A blocking HTTP/1.1 client on a raw socket, so the test controls every byte (pipelining, garbage).
class RawClient {
 public:
  explicit RawClient(uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    timeval timeout{5, 0};  // no test may hang on a misbehaving server
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  void send(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  // Reads one response; `head_only` for answers to HEAD. Fails the test on EOF or timeout.
  RawResponse read(bool head_only = false) {
    RawResponse response;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) {
        ADD_FAILURE() << "connection closed before a response head; got: " << buffer_;
        return response;
      }
    }
    const std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    response.status = std::stoi(head.substr(9, 3));
    for (std::size_t pos = head.find("\r\n"); pos != std::string::npos;) {
      const std::size_t next = head.find("\r\n", pos + 2);
      const std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
      const std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      response.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      pos = next;
    }
    const std::size_t length =
        head_only || response.header("content-length").empty() ? 0 : std::stoul(response.header("content-length"));
    while (buffer_.size() < length) {
      if (!fill()) {
        ADD_FAILURE() << "connection closed inside a body";
        return response;
      }
    }
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return response;
  }

  // True if the server closed the connection (EOF or reset) without sending anything more.
  bool closed_by_server() {
    if (!buffer_.empty()) return false;
    return !fill();
  }

 private:
  bool fill() {
    char chunk[4096];
    boost::system::error_code ec;
    const std::size_t n = socket_.read_some(asio::buffer(chunk), ec);
    if (ec) return false;
    buffer_.append(chunk, n);
    return true;
  }

  asio::io_context io_;
  tcp::socket socket_;
  std::string buffer_;
};

std::string get(std::string_view path, std::string_view extra_headers = "") {
  return std::string("GET ") + std::string(path) + " HTTP/1.1\r\nHost: localhost\r\n" + std::string(extra_headers) +
         "\r\n";
}

std::string post(std::string_view path, std::string_view body) {
  return std::string("POST ") + std::string(path) +
         " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest() {
    router_.add("GET", "/hello", [](HttpRequest& r) {
      return json_response(boost::json::object{{"hello", "world"}, {"ip", r.client_ip}});
    });
    router_.add("POST", "/echo", [](HttpRequest& r) { return html_response(200, r.body); });
    router_.add("GET", "/slow", [this](HttpRequest&) {
      slow_started_ = true;
      std::this_thread::sleep_for(300ms);
      return json_response(boost::json::object{{"slow", true}});
    });
  }

  void start(HttpServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<HttpServer>(std::move(options), router_);
    const auto started = server_->start();
    ASSERT_TRUE(started) << started.error().log_detail;
  }

  void expect_still_serving() {
    RawClient client(server_->port());
    client.send(get("/hello"));
    const auto response = client.read();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(boost::json::parse(response.body).at("hello"), "world");
  }

  Router router_;
  std::atomic<bool> slow_started_{false};
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, ServesARequest) {
  start();
  ASSERT_NE(server_->port(), 0);
  RawClient client(server_->port());
  client.send(get("/hello"));
  const auto response = client.read();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(boost::json::parse(response.body), boost::json::parse(R"({"hello":"world","ip":"127.0.0.1"})"));
  EXPECT_EQ(response.header("server"), "mytokend");
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_EQ(response.header("cache-control"), "no-store");
  EXPECT_EQ(response.header("content-length"), std::to_string(response.body.size()));
  EXPECT_NE(response.header("connection"), "close");
}

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrderOnOneConnection) {
  start();
  RawClient client(server_->port());
  client.send(post("/echo", "first") + get("/hello") + post("/echo", "third"));
  EXPECT_EQ(client.read().body, "first");
  EXPECT_EQ(client.read().status, 200);
  EXPECT_EQ(client.read().body, "third");
  client.send(post("/echo", "again"));  // still alive (keep-alive)
  EXPECT_EQ(client.read().body, "again");
}

TEST_F(HttpServerTest, TooLargeBodyIs413JsonThenClose) {
  start();
  RawClient client(server_->port());
  client.send(post("/echo", std::string(100 * 1024, 'x')));
  const auto response = client.read();
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(boost::json::parse(response.body),
            boost::json::parse(R"({"error":"invalid_request","error_description":"request body too large"})"));
  EXPECT_EQ(response.header("connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
  expect_still_serving();
}

TEST_F(HttpServerTest, GarbageRequestLineIs400JsonThenClose) {
  start();
  RawClient client(server_->port());
  client.send("THIS IS NOT HTTP\r\n\r\n");
  const auto response = client.read();
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(boost::json::parse(response.body).at("error"), "invalid_request");
  EXPECT_TRUE(client.closed_by_server());
  expect_still_serving();
}

TEST_F(HttpServerTest, AbsoluteFormTargetIs400) {
  start();
  RawClient client(server_->port());
  client.send(get("http://evil.example/hello"));
  EXPECT_EQ(client.read().status, 400);
  expect_still_serving();
}

TEST_F(HttpServerTest, EncodedSlashInPathIs400) {  // "/hello%2F" must not be routed as "/hello/"
  start();
  for (const auto* path : {"/hello%2F", "/hello%2f", "/x%2F..%2Fhello"}) {
    RawClient client(server_->port());
    client.send(get(path));
    const auto response = client.read();
    EXPECT_EQ(response.status, 400) << path;
    EXPECT_EQ(boost::json::parse(response.body).at("error"), "invalid_request") << path;
  }
  expect_still_serving();
}

TEST_F(HttpServerTest, Http11WithoutOrWithSeveralHostsIs400) {  // RFC 9112 §3.2
  start();
  for (const auto* request : {"GET /hello HTTP/1.1\r\n\r\n", "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                              "GET /hello HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"}) {
    RawClient client(server_->port());
    client.send(request);
    const auto response = client.read();
    EXPECT_EQ(response.status, 400) << request;
    EXPECT_EQ(boost::json::parse(response.body).at("error"), "invalid_request") << request;
    EXPECT_TRUE(client.closed_by_server()) << request;
  }
  expect_still_serving();
}

TEST_F(HttpServerTest, TransferEncodingOtherThanOneChunkedIs400ThenClose) {  // request smuggling shapes
  start();
  for (const auto* coding : {"Transfer-Encoding: gzip, chunked, identity\r\n", "Transfer-Encoding: identity\r\n",
                             "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"}) {
    RawClient client(server_->port());
    client.send(std::string("POST /echo HTTP/1.1\r\nHost: a\r\n") + coding + "\r\n5\r\nfirst\r\n0\r\n\r\n" +
                get("/hello"));
    EXPECT_EQ(client.read().status, 400) << coding;
    EXPECT_TRUE(client.closed_by_server()) << coding;  // the smuggled GET is never answered
  }
  RawClient client(server_->port());
  client.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\n\r\n");
  EXPECT_EQ(client.read().body, "first");
}

TEST_F(HttpServerTest, Http10WithoutHostIsServed) {
  start();
  RawClient client(server_->port());
  client.send("GET /hello HTTP/1.0\r\n\r\n");
  EXPECT_EQ(client.read().status, 200);
  EXPECT_TRUE(client.closed_by_server());  // HTTP/1.0 without keep-alive
}

TEST_F(HttpServerTest, TooLargeHeaderIs431ThenClose) {
  start();
  RawClient client(server_->port());
  client.send(get("/hello", "X-Big: " + std::string(16 * 1024, 'a') + "\r\n"));
  EXPECT_EQ(client.read().status, 431);
  EXPECT_TRUE(client.closed_by_server());
  expect_still_serving();
}

TEST_F(HttpServerTest, HeadHasContentLengthButNoBody) {
  start();
  RawClient client(server_->port());
  client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto head = client.read(/*head_only=*/true);
  EXPECT_EQ(head.status, 200);
  client.send(get("/hello"));  // the next response starts right after the head: no stray body bytes
  const auto full = client.read();
  EXPECT_EQ(full.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(full.body.size()));
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  start();
  RawClient client(server_->port());
  client.send(get("/hello", "Connection: close\r\n"));
  EXPECT_EQ(client.read().header("connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(HttpServerTest, ClientIpComesFromTrustedProxyHeader) {
  start({.trusted_proxies = {"127.0.0.0/8"}});
  RawClient client(server_->port());
  client.send(get("/hello", "X-Forwarded-For: 1.1.1.1, 203.0.113.9\r\n"));
  EXPECT_EQ(boost::json::parse(client.read().body).at("ip"), "203.0.113.9");
}

TEST_F(HttpServerTest, IdleKeepAliveConnectionIsClosed) {
  start({.idle_timeout = std::chrono::seconds(1)});
  RawClient client(server_->port());
  client.send(get("/hello"));
  EXPECT_EQ(client.read().status, 200);
  const auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - before, 4s);
}

TEST_F(HttpServerTest, SlowRequestIsCutOffAtTheReadTimeout) {  // slowloris
  start({.read_timeout = std::chrono::seconds(1)});
  RawClient client(server_->port());
  const auto before = std::chrono::steady_clock::now();
  client.send("GET /hello HTTP/1.1\r\n");
  for (int i = 0; i < 8; ++i) {  // one header line every 200 ms: each read succeeds, the request never ends
    std::this_thread::sleep_for(200ms);
    try {
      client.send("X-Slow: a\r\n");
    } catch (const boost::system::system_error&) {
      break;
    }
  }
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - before, 3s);
  expect_still_serving();
}

TEST_F(HttpServerTest, AnswersExpectContinue) {
  start();
  RawClient client(server_->port());
  client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(client.read().status, 100);
  client.send("body");
  EXPECT_EQ(client.read().body, "body");
}

TEST_F(HttpServerTest, RefusesConnectionsBeyondTheCap) {
  start({.max_connections = 1});
  auto first = std::make_unique<RawClient>(server_->port());
  first->send(get("/hello"));
  EXPECT_EQ(first->read().status, 200);
  RawClient second(server_->port());
  second.send(get("/hello"));
  EXPECT_TRUE(second.closed_by_server());
  first.reset();
  // The slot frees once the server notices the close; poll with a deadline.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  int status = 0;
  while (status != 200 && std::chrono::steady_clock::now() < deadline) {
    RawClient third(server_->port());
    third.send(get("/hello"));
    if (!third.closed_by_server()) status = 200;  // got bytes: served
    if (status != 200) std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(status, 200);
}

TEST_F(HttpServerTest, StopDrainsInFlightRequest) {
  start();
  RawClient client(server_->port());
  client.send(get("/slow"));
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!slow_started_ && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(slow_started_);
  std::thread stopper([this] { server_->stop(); });
  const auto response = client.read();
  stopper.join();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("connection"), "close");
}

TEST_F(HttpServerTest, StopClosesIdleConnectionsAtOnce) {
  start();
  RawClient idle(server_->port());
  idle.send(get("/hello"));
  EXPECT_EQ(idle.read().status, 200);
  const auto before = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
  EXPECT_TRUE(idle.closed_by_server());
}

TEST_F(HttpServerTest, RunUntilSignalReturnsWhenStoppedFromAnotherThread) {
  start();
  auto running = std::async(std::launch::async, [this] { server_->run_until_signal(); });
  server_->stop();
  EXPECT_EQ(running.wait_for(5s), std::future_status::ready);
}

TEST_F(HttpServerTest, RunUntilSignalReturnsOnSigterm) {
  start();
  // Until run_until_signal has installed its handler, a SIGTERM must not kill the test: ignore it meanwhile and
  // keep raising until the server reacts.
  auto* previous = std::signal(SIGTERM, [](int) {});
  auto running = std::async(std::launch::async, [this] { server_->run_until_signal(); });
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (running.wait_for(20ms) != std::future_status::ready && std::chrono::steady_clock::now() < deadline) {
    std::raise(SIGTERM);
  }
  EXPECT_EQ(running.wait_for(0s), std::future_status::ready);
  std::signal(SIGTERM, previous);
}

}  // namespace
}  // namespace mytoken
