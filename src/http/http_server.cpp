// The only translation unit that includes Beast (it compiles slowly; notes/deps.md §2).
#include "http/http_server.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include "domain/api_error.hpp"
#include "http/access_log.hpp"
#include "http/client_ip.hpp"
#include "http/http_types.hpp"
#include "http/request_observer.hpp"
#include "http/responses.hpp"
#include "http/router.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// After an error response the peer may still be sending (e.g. the body of a 413): read and drop that much for
// that long before closing, so the close does not turn into a reset that destroys the response in flight.
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;
constexpr auto kLingerTime = std::chrono::seconds(1);

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::string peer;               // remote address as text
  bool awaiting_request = false;  // idle between requests; only touched on the connection's strand
};

bool bodyless_status(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

bool header_is_safe(std::string_view name, std::string_view value) {
  const auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  return !name.empty() && std::none_of(name.begin(), name.end(), bad) &&
         name.find_first_of(" :\t") == std::string_view::npos && std::none_of(value.begin(), value.end(), bad);
}

// The error response for a failed read, or nullopt if the connection should just be closed (the peer left,
// timed out or was cancelled).
std::optional<HttpResponse> response_for_read_error(const beast::error_code& ec) {
  if (ec == http::error::body_limit) return error_response(ApiError::payload_too_large());
  if (ec == http::error::header_limit) return error_response(ApiError::header_fields_too_large());
  if (ec.category() == beast::error_code(http::error::bad_target).category() && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return error_response(ApiError::invalid_request("malformed HTTP request: " + ec.message()));
  }
  return std::nullopt;
}

// Request heads that a proxy in front of this server could read differently (request smuggling), answered 400:
// - RFC 9112 §3.2: an HTTP/1.1 request without Host, or any request with several;
// - RFC 9112 §6.1/§6.3: a Transfer-Encoding other than a single "chunked" (Beast reads "gzip, chunked, identity" as
//   "no body", while a proxy may not; we decode no other coding anyway).
std::optional<ApiError> request_head_error(const http::request<http::string_body>& message) {
  const std::size_t hosts = message.count(http::field::host);
  if (hosts > 1) return ApiError::invalid_request("more than one Host header");
  if (hosts == 0 && message.version() >= 11) return ApiError::invalid_request("HTTP/1.1 request without Host header");
  const std::size_t codings = message.count(http::field::transfer_encoding);
  if (codings > 1 || (codings == 1 && !ascii_iequals(message[http::field::transfer_encoding], "chunked"))) {
    return ApiError::invalid_request("unsupported Transfer-Encoding");
  }
  return std::nullopt;
}

// The router matches decoded path segments, so an encoded '/' would split a segment in two: "/api/v0/token%2Frevoke"
// would reach the revocation endpoint behind a proxy rule written for "/api/v0/token/revoke". No route needs one.
// Every connection holds a file descriptor; with the common soft limit of 1024 and the default cap of 4096, accept()
// would fail with EMFILE long before the cap applies, and the server would stop answering anyone. So the soft limit
// is raised (up to the hard one) to leave room for the cap plus the store's and the OP client's descriptors.
void raise_file_limit(std::size_t max_connections) {
  constexpr rlim_t kReserve = 256;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = static_cast<rlim_t>(max_connections) + kReserve;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    spdlog::warn("file descriptor limit {} is below server.max_connections {} + {}: raise the hard limit (ulimit -Hn)",
                 limit.rlim_cur, max_connections, kReserve);
  }
}

bool has_encoded_slash(std::string_view encoded_path) {
  return ascii_lower(encoded_path).find("%2f") != std::string::npos;
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, const Router& router)
      : options_(std::move(options)),
        router_(router),
        ioc_(static_cast<int>(std::max<size_t>(options_.io_threads, 1))),
        workers_(std::max<size_t>(options_.worker_threads, 1)),
        acceptor_strand_(asio::make_strand(ioc_)),
        acceptor_(acceptor_strand_) {}

  Result<void> start();
  void run_until_signal(const SignalHooks& hooks);
  void stop();
  uint16_t port() const { return port_; }

 private:
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(std::shared_ptr<Connection> connection);
  asio::awaitable<void> send(Connection& connection, HttpResponse response, const HttpRequest& request,
                             unsigned version, bool keep_alive, Clock::time_point started);
  asio::awaitable<void> linger_and_close(Connection& connection);
  std::optional<HttpRequest> to_request(http::request<http::string_body>& message, const Connection& connection);
  std::shared_ptr<Connection> register_connection(tcp::socket socket);
  std::vector<std::shared_ptr<Connection>> live_connections();
  void request_stop();

  const HttpServerOptions options_;
  const Router& router_;
  TrustedProxies trusted_;
  AccessLog access_log_;
  uint16_t port_ = 0;
  std::atomic<bool> draining_{false};

  // Declared before the io_context: connections unregister themselves here when the io_context destroys them.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;  // guarded by mutex_
  bool stop_requested_ = false;                                             // guarded by mutex_

  std::mutex stop_mutex_;  // serialises start() and stop()
  bool started_ = false;
  bool stopped_ = false;

  asio::io_context ioc_;
  asio::thread_pool workers_;
  asio::strand<asio::io_context::executor_type> acceptor_strand_;
  tcp::acceptor acceptor_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> io_threads_;
};

Result<void> HttpServer::Impl::start() {
  std::lock_guard lock(stop_mutex_);
  if (started_) return ApiError::internal("HttpServer::start called twice");
  auto trusted = TrustedProxies::parse(options_.trusted_proxies);
  if (!trusted) return ApiError::internal("server.trusted_proxies: " + trusted.error().description);
  trusted_ = std::move(*trusted);
  raise_file_limit(options_.max_connections);

  beast::error_code ec;
  const auto address = asio::ip::make_address(options_.address, ec);
  if (ec) return ApiError::internal("invalid listen address '" + options_.address + "'");
  const tcp::endpoint endpoint(address, options_.port);
  const auto fail = [&](std::string_view what) {
    return ApiError::internal(fmt::format("{} {}:{}: {}", what, options_.address, options_.port, ec.message()));
  };
  if (acceptor_.open(endpoint.protocol(), ec); ec) return fail("open");
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) return fail("setsockopt");
  if (acceptor_.bind(endpoint, ec); ec) return fail("bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) return fail("listen");
  port_ = acceptor_.local_endpoint(ec).port();

  asio::co_spawn(acceptor_strand_, accept_loop(), [](const std::exception_ptr& e) {
    if (e) spdlog::critical("HTTP accept loop ended by an exception");
  });
  work_.emplace(ioc_.get_executor());
  for (size_t i = 0; i < std::max<size_t>(options_.io_threads, 1); ++i) {
    io_threads_.emplace_back([this] {
      for (;;) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("HTTP I/O thread: {}", e.what());
        }
      }
    });
  }
  started_ = true;
  spdlog::info("listening on {}:{}", options_.address, port_);
  return {};
}

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  for (;;) {
    tcp::socket socket(asio::make_strand(ioc_));
    auto [ec] = co_await acceptor_.async_accept(socket, kUseTuple);
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (ec) {  // e.g. out of file descriptors: back off instead of spinning
      spdlog::warn("accept: {}", ec.message());
      asio::steady_timer timer(acceptor_strand_, std::chrono::milliseconds(50));
      co_await timer.async_wait(kUseTuple);
      continue;
    }
    auto connection = register_connection(std::move(socket));
    if (!connection) continue;  // over the cap: the socket was closed
    const auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, session(std::move(connection)), [](const std::exception_ptr& e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        spdlog::error("HTTP session ended by an exception: {}", x.what());
      }
    });
  }
}

std::shared_ptr<Connection> HttpServer::Impl::register_connection(tcp::socket socket) {
  beast::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return nullptr;  // already gone
  std::lock_guard lock(mutex_);
  if (connections_.size() >= options_.max_connections) {
    spdlog::warn("connection limit {} reached, refusing a connection", options_.max_connections);
    return nullptr;
  }
  socket.set_option(tcp::no_delay(true), ec);
  // Unregisters itself when the session (the last owner) ends.
  std::shared_ptr<Connection> connection(new Connection(std::move(socket)), [this](Connection* c) {
    {
      std::lock_guard lock(mutex_);
      connections_.erase(c);
    }
    changed_.notify_all();
    delete c;
  });
  connection->peer = remote.address().to_string();
  connections_.emplace(connection.get(), connection);
  return connection;
}

std::optional<HttpRequest> HttpServer::Impl::to_request(http::request<http::string_body>& message,
                                                        const Connection& connection) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  const auto target = boost::urls::parse_origin_form(message.target());
  if (!target || has_encoded_slash(target->encoded_path())) return std::nullopt;
  request.path = target->path();
  if (target->has_query()) request.query = std::string(target->encoded_query());
  std::string forwarded_for;
  request.headers.reserve(std::distance(message.begin(), message.end()));
  for (const auto& field : message) {
    std::string name = ascii_lower(field.name_string());
    if (name == "x-forwarded-for") {
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for += field.value();
    }
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.client_ip = resolve_client_ip(connection.peer, forwarded_for, trusted_);
  return request;
}

asio::awaitable<void> HttpServer::Impl::session(std::shared_ptr<Connection> connection) {
  auto& stream = connection->stream;
  beast::flat_buffer buffer;
  while (!draining_) {
    if (buffer.size() == 0) {  // idle keep-alive wait for the first byte of the next request
      connection->awaiting_request = true;
      stream.expires_after(options_.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kUseTuple);
      connection->awaiting_request = false;
      if (ec) break;
      buffer.commit(n);
    }

    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<size_t>(options_.header_limit, UINT32_MAX)));
    parser.body_limit(options_.body_limit);
    stream.expires_after(options_.read_timeout);  // one deadline for the whole request (slowloris)
    auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, kUseTuple);
    const Clock::time_point started = Clock::now();
    if (!ec && !parser.is_done()) {
      const auto expect = parser.get()[http::field::expect];
      if (parser.get().version() >= 11 && ascii_iequals(expect, "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        std::tie(ec, n) = co_await asio::async_write(stream, asio::buffer(kContinue), kUseTuple);
      }
      if (!ec) std::tie(ec, n) = co_await http::async_read(stream, buffer, parser, kUseTuple);
    }
    if (ec) {
      if (auto response = response_for_read_error(ec)) {
        HttpRequest request;  // whatever of the request line was parsed, for the access log
        request.method = std::string(parser.get().method_string());
        if (const auto target = boost::urls::parse_origin_form(parser.get().target())) request.path = target->path();
        request.client_ip = resolve_client_ip(connection->peer, {}, trusted_);
        co_await send(*connection, std::move(*response), request, 11, false, started);
        co_await linger_and_close(*connection);
      }
      break;
    }

    auto& message = parser.get();
    const unsigned version = message.version();
    const bool keep_alive = message.keep_alive();
    std::optional<ApiError> refused = request_head_error(message);
    std::optional<HttpRequest> request;
    if (!refused && !(request = to_request(message, *connection))) {
      refused = ApiError::invalid_request("malformed request target");
    }
    if (refused) {
      HttpRequest unparsed;
      unparsed.method = std::string(message.method_string());
      unparsed.client_ip = resolve_client_ip(connection->peer, {}, trusted_);
      co_await send(*connection, error_response(*refused), unparsed, version, false, started);
      co_await linger_and_close(*connection);
      break;
    }
    // The handler runs on the worker pool; co_spawn's completion brings this coroutine back to its strand.
    HttpResponse response = co_await asio::co_spawn(
        workers_.get_executor(),
        [this, &request]() -> asio::awaitable<HttpResponse> { co_return router_.dispatch(*request); },
        asio::use_awaitable);
    const bool keep = keep_alive && !draining_;
    co_await send(*connection, std::move(response), *request, version, keep, started);
    if (!keep || !stream.socket().is_open()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream.close();
}

asio::awaitable<void> HttpServer::Impl::send(Connection& connection, HttpResponse response, const HttpRequest& request,
                                             unsigned version, bool keep_alive, Clock::time_point started) {
  bool safe = response.status >= 100 && response.status <= 999;
  for (const auto& [name, value] : response.headers) safe = safe && header_is_safe(name, value);
  if (!safe) {
    spdlog::error("handler for {} produced an invalid status or header", loggable_path(request));
    response = error_response(ApiError::internal("invalid response from handler"));
  }

  http::response<http::string_body> message;
  message.version(version);
  message.result(static_cast<unsigned>(response.status));
  if (http::int_to_status(static_cast<unsigned>(response.status)) == http::status::unknown) {
    message.reason("Unknown");  // 278, 555 (spec §1.4): Beast has no reason phrase for them
  }
  for (const auto& [name, value] : response.headers) message.insert(name, value);
  message.set(http::field::server, "mytokend");
  if (bodyless_status(response.status)) {
    response.body.clear();
  } else {
    message.content_length(response.body.size());
  }
  if (request.method == "HEAD") response.body.clear();  // Content-Length stays that of the GET answer
  const std::size_t bytes = response.body.size();
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);

  connection.stream.expires_after(options_.read_timeout);
  auto [ec, n] = co_await http::async_write(connection.stream, message, kUseTuple);
  if (ec) connection.stream.close();

  const std::string path = loggable_path(request);
  const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  if (options_.observer != nullptr) options_.observer->observe(request, response.status, duration);
  access_log_.write(AccessRecord{
      .method = request.method.empty() ? std::string_view{"-"} : std::string_view{request.method},
      .path = path,
      .status = response.status,
      .duration = duration,
      .client_ip = request.client_ip,
      .mom_id = response.log_mom_id,
      .bytes = ec ? 0 : bytes,
      .detail = response.log_detail,
  });
}

asio::awaitable<void> HttpServer::Impl::linger_and_close(Connection& connection) {
  auto& stream = connection.stream;
  if (!stream.socket().is_open()) co_return;
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(kLingerTime);
  std::array<char, std::size_t{16} * 1024> sink;
  for (std::size_t total = 0; !ec && total < kLingerBytes;) {
    std::size_t n = 0;
    std::tie(ec, n) = co_await stream.async_read_some(asio::buffer(sink), kUseTuple);
    total += n;
  }
  stream.close();
}

std::vector<std::shared_ptr<Connection>> HttpServer::Impl::live_connections() {
  std::vector<std::shared_ptr<Connection>> live;
  std::lock_guard lock(mutex_);
  for (const auto& [raw, weak] : connections_) {
    if (auto connection = weak.lock()) live.push_back(std::move(connection));
  }
  return live;  // released outside the lock: the last owner's deleter takes mutex_
}

void HttpServer::Impl::request_stop() {
  {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
  }
  changed_.notify_all();
}

void HttpServer::Impl::run_until_signal(const SignalHooks& hooks) {
  asio::signal_set signals(ioc_, SIGINT, SIGTERM);
  if (hooks.on_hangup) signals.add(SIGHUP);
  std::function<void(const beast::error_code&, int)> on_signal = [&](const beast::error_code& ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      hooks.on_hangup();
      signals.async_wait(on_signal);  // `on_signal` outlives the wait: stop() below joins the I/O threads first
      return;
    }
    spdlog::info("signal {} received, draining", signal);
    if (hooks.on_terminate) hooks.on_terminate();
    request_stop();
  };
  signals.async_wait(on_signal);
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stop_requested_; });
  }
  stop();  // joins the I/O threads, so `signals` and `on_signal` are no longer in use when they are destroyed
}

void HttpServer::Impl::stop() {
  request_stop();
  std::lock_guard lock(stop_mutex_);
  if (!started_ || stopped_) return;
  stopped_ = true;
  draining_ = true;
  asio::post(acceptor_strand_, [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
  });
  // Connections waiting for their next request are closed now; the others finish their current request and close
  // (draining_ is checked on the connection's strand before every wait, and the cancel is queued behind that).
  for (auto& connection : live_connections()) {
    asio::post(connection->stream.get_executor(), [connection] {
      if (connection->awaiting_request) connection->stream.cancel();
    });
  }
  {
    std::unique_lock lock(mutex_);
    const bool drained = changed_.wait_for(lock, options_.drain_timeout, [this] { return connections_.empty(); });
    if (!drained) spdlog::warn("{} connection(s) still busy after the drain timeout, closing", connections_.size());
  }
  for (auto& connection : live_connections()) {
    asio::post(connection->stream.get_executor(), [connection] { connection->stream.close(); });
  }
  work_.reset();
  ioc_.stop();
  for (auto& thread : io_threads_) thread.join();
  io_threads_.clear();
  workers_.stop();
  workers_.join();
  spdlog::info("HTTP server stopped");
}

HttpServer::HttpServer(HttpServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() { impl_->stop(); }

Result<void> HttpServer::start() { return impl_->start(); }
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::run_until_signal(const SignalHooks& hooks) { impl_->run_until_signal(hooks); }
void HttpServer::stop() { impl_->stop(); }

}  // namespace mytoken
