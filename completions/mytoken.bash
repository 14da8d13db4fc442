# bash completion for mytoken (the mytoken command line client); see docs/cli.md.
# Install: share/bash-completion/completions/mytoken, or `source` this file.

_mytoken() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }

  local global="--url --mytoken-url --config --json --no-color --insecure --timeout --help --version"
  local token="--MT --MT-file --MT-env --MT-prompt"
  local commands="AT at access-token MT mt mytoken transfer info tokeninfo revoke config"

  # The command and (for info) subcommand given so far.
  local command="" sub="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      -*) ;;
      *)
        if [[ -z $command && " $commands " == *" ${words[i]} "* ]]; then
          command=${words[i]}
        elif [[ $command == info || $command == tokeninfo ]] && [[ -z $sub ]]; then
          sub=${words[i]}
        fi
        ;;
    esac
  done

  case $prev in
    --MT-file | --config | --out | -o | --restrictions | --restriction | --rotation | --rotate)
      _filedir 2>/dev/null || mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return
      ;;
    --MT-env)
      mapfile -t COMPREPLY < <(compgen -v -- "$cur")
      return
      ;;
    --token-type)
      mapfile -t COMPREPLY < <(compgen -W "token short transfer" -- "$cur")
      return
      ;;
    --capability | --capabilities)
      mapfile -t COMPREPLY < <(compgen -W "AT create_mytoken tokeninfo tokeninfo:introspect tokeninfo:history \
        tokeninfo:subtokens manage_mytokens manage_mytokens:list manage_mytokens:revoke manage_mytokens:history \
        settings read@settings" -- "$cur")
      return
      ;;
    --MT | --url | --mytoken-url | --timeout | --scope | -s | --aud | --audience | --exp | --nbf | --ip | --host | \
      --geo-ip-allow | --geo-ip-disallow | --usages-AT | --usages-other | --rotation-lifetime | --name | -n | \
      --provider | -i | --TC | --mom-id | --profile)
      return
      ;;
  esac

  local flags
  case $command in
    "") flags="$global" ;;
    AT | at | access-token) flags="--scope --aud --out $token" ;;
    MT | mt | mytoken)
      flags="--capability --restrictions --exp --nbf --scope --aud --ip --ip-this --geo-ip-allow --geo-ip-disallow \
        --usages-AT --usages-other --rotation --rotation-on-AT --rotation-on-other --rotation-auto-revoke \
        --rotation-lifetime --name --token-type --out --profile --oidc --provider --no-qr --TC $token"
      ;;
    transfer) flags="--out $token" ;;
    info | tokeninfo)
      case $sub in
        "") flags="$token" ;;
        history) flags="--mom-id $token" ;;
        subtokens | tree | token-tree | list-mytokens | list) flags="--include-mom-id $token" ;;
        *) flags="$token" ;;
      esac
      ;;
    revoke) flags="--recursive --mom-id $token" ;;
    config) flags="" ;;
  esac

  if [[ $cur == -* || -n $command && $command != info && $command != tokeninfo ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$flags --help $global" -- "$cur")
  elif [[ -z $command ]]; then
    mapfile -t COMPREPLY < <(compgen -W "AT MT transfer info revoke config" -- "$cur")
  elif [[ -z $sub ]]; then
    mapfile -t COMPREPLY < <(compgen -W "introspect history subtokens list-mytokens" -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "$flags --help" -- "$cur")
  fi
}
complete -F _mytoken mytoken
