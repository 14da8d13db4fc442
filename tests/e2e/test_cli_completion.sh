#!/usr/bin/env bash
# The shell completion scripts (completions/): bash completes commands, subcommands, flags and flag values;
# the zsh script at least parses (when zsh is installed). No server needed.
source "$(dirname "$0")/cli_lib.sh"

complete_words() { # complete_words WORD... : what bash completion offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mytoken; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$SRC_DIR/completions/mytoken.bash" "$@" | tr '\n' ' '
}
expect_true "bash script parses" bash -n "$SRC_DIR/completions/mytoken.bash"
expect_eq "$(complete_words mytoken "")" "AT MT transfer info revoke config " "commands"
expect_eq "$(complete_words mytoken AT --MT)" "--MT --MT-file --MT-env --MT-prompt " "AT token flags"
expect_eq "$(complete_words mytoken info "")" "introspect history subtokens list-mytokens " "info views"
expect_eq "$(complete_words mytoken info history --mo)" "--mom-id " "history flags"
expect_eq "$(complete_words mytoken MT --token-type "")" "token short transfer " "--token-type values"
expect_contains "$(complete_words mytoken MT --rot)" "--rotation-on-AT" "MT rotation flags"
expect_contains "$(complete_words mytoken revoke --)" "--recursive" "revoke flags"
# Every long flag the completion offers for MT exists in `mytoken MT --help`.
cli --help
root_help=$OUT
cli MT --help
for flag in $(complete_words mytoken MT --); do
  [[ $flag == --help || $flag == --version ]] && continue
  expect_contains "$OUT$root_help" "$flag" "mytoken MT knows $flag"
done
if command -v zsh >/dev/null; then
  expect_true "zsh script parses" zsh -n "$SRC_DIR/completions/_mytoken"
else
  skip "skipped: zsh not installed, _mytoken not checked"
fi
cli_finish
