#!/usr/bin/env bash
# Geo-IP restrictions (spec §6.1–6.3, §21 item 10): a MaxMind DB written here with the real writer
# (perl MaxMind::DB::Writer::Tree, checked with mmdblookup), `geo_ip_db_file` and `geoip.home_country` in the
# configuration, client addresses from X-Forwarded-For of a trusted proxy (127.0.0.1). geoip_allow and
# geoip_disallow for ATs and "other" uses; private/loopback addresses are the home country; unknown addresses
# pass disallow lists and fail allow lists; a broken database stops the server at start-up.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"

MMDB=$TMP/country-test.mmdb
perl - "$MMDB" <<'PERL' || die "could not write the test .mmdb (libmaxmind-db-writer-perl)"
use strict; use warnings;
use MaxMind::DB::Writer::Tree;
my $tree = MaxMind::DB::Writer::Tree->new(
  ip_version => 6, record_size => 24, database_type => 'mytoken-test-country',
  languages => ['en'], description => { en => 'mytoken e2e test countries' },
  map_key_type_callback => sub {
    { country => 'map', registered_country => 'map', iso_code => 'utf8_string' }->{ $_[0] } },
);
$tree->insert_network('81.2.69.0/24', { country => { iso_code => 'GB' } });
$tree->insert_network('89.160.20.0/24', { country => { iso_code => 'SE' } });
$tree->insert_network('175.16.199.0/24', { registered_country => { iso_code => 'CN' } });
$tree->insert_network('2a03:2880::/32', { country => { iso_code => 'JP' } });
open my $fh, '>:raw', $ARGV[0] or die "$ARGV[0]: $!";
$tree->write_tree($fh);
close $fh;
PERL
expect_eq "$(mmdblookup --file "$MMDB" --ip 81.2.69.160 country iso_code | grep -o '"[A-Z]*"')" '"GB"' "mmdblookup: 81.2.69.160 is GB"
expect_eq "$(mmdblookup --file "$MMDB" --ip 89.160.20.112 country iso_code | grep -o '"[A-Z]*"')" '"SE"' "mmdblookup: 89.160.20.112 is SE"

GB=81.2.69.160 SE=89.160.20.112 CN=175.16.199.7 JP=2a03:2880::1 UNKNOWN=198.51.100.7
write_mytokend_config
sed -i 's/^  trusted_proxies: \[\]$/  trusted_proxies: ["127.0.0.1"]/' "$MT_CONFIG"
cat >>"$MT_CONFIG" <<EOF2
geo_ip_db_file: "$MMDB"
geoip:
  home_country: DE
EOF2
grep -q 'trusted_proxies: \["127.0.0.1"\]' "$MT_CONFIG" || die "could not trust 127.0.0.1 as a proxy"
start_all

# from ADDRESS: curl arguments that make the request come from ADDRESS (via the trusted proxy 127.0.0.1)
from() { printf -- '-H\nX-Forwarded-For: %s\n' "$1"; }
at_from() { # at_from ADDRESS MYTOKEN
  local args
  mapfile -t args < <(from "$1")
  at_request "$2" '{}' "${args[@]}"
}
sub_from() {
  local args
  mapfile -t args < <(from "$1")
  subtoken "$2" '{"capabilities":["AT"]}' "${args[@]}"
}
# at_request/subtoken take extra curl args after the JSON overrides
at_request() { api_post /api/v0/token/access "$(jq -nc --arg mt "$1" --argjson o "${2:-"{}"}" '{grant_type: "mytoken", mytoken: $mt} + $o')" "${@:3}"; }
subtoken() { api_post /api/v0/token/my "$(jq -nc --arg mt "$1" --argjson o "${2:-"{}"}" '{grant_type: "mytoken", mytoken: $mt} + $o')" "${@:3}"; }

geo() { # geo CLAUSE-MEMBERS ADDRESS EXPECTED-STATUS MESSAGE: an AT and an other use from ADDRESS
  local mt
  mt=$(login_mytoken "{\"capabilities\":[\"AT\",\"create_mytoken\"],\"restrictions\":[{$1}]}")
  at_from "$2" "$mt"
  expect_status "$3" "AT from $2 with {$1}: $4"
  sub_from "$2" "$mt"
  expect_status "$3" "sub-token from $2 with {$1}: $4"
}
geo '"geoip_allow":["GB"]' "$GB" 200 "listed country"
geo '"geoip_allow":["GB"]' "$SE" 403 "other country"
geo '"geoip_allow":["gb","se"]' "$SE" 200 "lower-case codes are upper-cased"
geo '"geoip_allow":["GB"]' "$UNKNOWN" 403 "unknown country fails an allow list"
geo '"geoip_allow":["GB"]' 127.0.0.1 403 "loopback is the home country DE"
geo '"geoip_allow":["DE"]' 127.0.0.1 200 "loopback is the home country DE"
geo '"geoip_allow":["DE"]' 10.1.2.3 200 "a private address is the home country"
geo '"geoip_allow":["DE"]' 192.168.7.7 200 "a private address is the home country"
geo '"geoip_allow":["CN"]' "$CN" 200 "registered_country when the entry has no country"
geo '"geoip_allow":["JP"]' "$JP" 200 "IPv6 addresses"
geo '"geoip_disallow":["SE"]' "$SE" 403 "disallowed country"
geo '"geoip_disallow":["SE"]' "$GB" 200 "other country passes a disallow list"
geo '"geoip_disallow":["SE"]' "$UNKNOWN" 200 "unknown country passes a disallow list"
geo '"geoip_disallow":["DE"]' 127.0.0.1 403 "the home country can be disallowed"
geo '"geoip_allow":["GB","SE"],"geoip_disallow":["SE"]' "$SE" 403 "allow and disallow both hold"

# clauses are a disjunction: a GB clause or an SE clause
mt=$(login_mytoken '{"capabilities":["AT"],"restrictions":[{"geoip_allow":["GB"],"usages_AT":1},{"geoip_allow":["SE"]}]}')
at_from "$GB" "$mt"
expect_status 200 "GB through clause 1"
at_from "$GB" "$mt"
expect_error 403 usage_restricted
at_from "$SE" "$mt"
expect_status 200 "SE through clause 2"

# a sub-token cannot widen its parent's countries (spec §6.5)
parent=$(login_mytoken '{"capabilities":["AT","create_mytoken"],"restrictions":[{"geoip_allow":["GB","SE"]}]}')
subtoken "$parent" '{"restrictions":[{"geoip_allow":["GB","FR"]}],"error_on_restrictions":true}' "$(from "$GB" | head -1)" "$(from "$GB" | tail -1)"
expect_error 400 invalid_request "requested restrictions are not subset of original restrictions"
subtoken "$parent" '{"restrictions":[{"geoip_allow":["SE"]}]}' "$(from "$GB" | head -1)" "$(from "$GB" | tail -1)"
expect_status 200 "a narrower country list"
child=$(jget .mytoken)
at_from "$GB" "$child"
expect_error 403 usage_restricted
at_from "$SE" "$child"
expect_status 200 "the child works in SE"

# invalid codes are refused
api_post /api/v0/token/my "{\"grant_type\":\"oidc_flow\",\"oidc_flow\":\"authorization_code\",\"oidc_issuer\":\"$OP\",\"restrictions\":[{\"geoip_allow\":[\"GBR\"]}]}"
expect_error 400 invalid_request

# a file that is not a MaxMind DB stops the server at start-up with a message naming the key
stop_mytokend
printf 'not a database' >"$MMDB"
if timeout 20 "$MYTOKEND" --config "$MT_CONFIG" >"$TMP/broken.log" 2>&1 </dev/null; then rc=0; else rc=$?; fi
expect_eq "$rc" 1 "mytokend refuses to start with a broken geo-IP database"
expect_contains "$(cat "$TMP/broken.log")" "geo_ip_db_file" "the start-up error names the key"

finish
