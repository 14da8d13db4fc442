#include "oidc/metered_oidc_provider.hpp"

#include <chrono>
#include <string>
#include <utility>

namespace mytoken {
namespace {

struct Instruments {
  metrics::Counter* requests;
  metrics::Counter* errors;
  metrics::Histogram* duration;
};

// Runs `call` (one round trip to the OP) and records it in `m`.
template <class Call>
auto timed(const Instruments& m, Call&& call) {
  const auto started = std::chrono::steady_clock::now();
  auto result = call();
  m.duration->observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  m.requests->inc();
  if (!result) m.errors->inc();
  return result;
}

class MeteredOidcProvider final : public OidcProvider {
 public:
  MeteredOidcProvider(std::unique_ptr<OidcProvider> inner, OpMetrics& metrics)
      : inner_(std::move(inner)),
        exchange_(resolve(metrics, "code_exchange")),
        refresh_(resolve(metrics, "refresh")),
        revoke_(resolve(metrics, "revoke")),
        identify_(resolve(metrics, "identify")) {}

  const std::string& issuer() const override { return inner_->issuer(); }
  const std::string& name() const override { return inner_->name(); }
  const std::vector<std::string>& scopes() const override { return inner_->scopes(); }
  Result<std::string> authorization_url(const AuthorizationParams& params) override {
    return inner_->authorization_url(params);
  }
  Result<OpTokenResponse> exchange_code(const Secret& code, const Secret& code_verifier,
                                        const std::string& redirect_uri) override {
    return timed(exchange_, [&] { return inner_->exchange_code(code, code_verifier, redirect_uri); });
  }
  Result<OpTokenResponse> refresh(const Secret& refresh_token, const std::vector<std::string>& scopes,
                                  const std::vector<std::string>& audiences) override {
    return timed(refresh_, [&] { return inner_->refresh(refresh_token, scopes, audiences); });
  }
  Result<void> revoke_refresh_token(const Secret& refresh_token) override {
    return timed(revoke_, [&] { return inner_->revoke_refresh_token(refresh_token); });
  }
  Result<OpIdentity> identify(const OpTokenResponse& tokens) override {
    return timed(identify_, [&] { return inner_->identify(tokens); });
  }
  bool metadata_loaded() override { return inner_->metadata_loaded(); }

 private:
  Instruments resolve(OpMetrics& metrics, const std::string& operation) {
    const metrics::Labels labels{inner_->issuer(), operation};
    return Instruments{&metrics.requests.with(labels), &metrics.errors.with(labels), &metrics.duration.with(labels)};
  }

  std::unique_ptr<OidcProvider> inner_;
  const Instruments exchange_;
  const Instruments refresh_;
  const Instruments revoke_;
  const Instruments identify_;
};

}  // namespace

OpMetrics::OpMetrics(metrics::Registry& registry)
    : requests(registry.counter("mytoken_op_requests_total", "Requests to OpenID providers, by issuer and operation",
                                {"provider", "operation"})),
      errors(registry.counter("mytoken_op_errors_total",
                              "Failed requests to OpenID providers (unreachable, invalid answer or OAuth error)",
                              {"provider", "operation"})),
      duration(registry.histogram("mytoken_op_request_duration_seconds",
                                  "Duration of requests to OpenID providers, by issuer and operation",
                                  metrics::latency_buckets(), {"provider", "operation"})) {}

std::unique_ptr<OidcProvider> metered_oidc_provider(std::unique_ptr<OidcProvider> provider, OpMetrics& metrics) {
  return std::make_unique<MeteredOidcProvider>(std::move(provider), metrics);
}

}  // namespace mytoken
