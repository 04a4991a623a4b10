#!/bin/sh
# Mini-Ops SSH login hook: reports each sshd session opening to the Mini-Ops
# agent on 127.0.0.1, signed with the key that root and the agent share.
#
# Installed by setup_ssh_alerts.sh as this line in /etc/pam.d/sshd:
#   session optional pam_exec.so quiet /opt/mini-ops/scripts/ssh-alert.sh \
#       [--port N] [--key-file FILE] [--spool-dir DIR]
# Defaults: --port 3000, --key-file /etc/mini-ops/hook.key,
# --spool-dir /var/spool/mini-ops.
#
# The hook must never delay or break a login, so it exits 0 in every case and
# forks the delivery into the background before it reads the key or opens a
# connection. The delivery
# posts {"user","rhost","service","tty","time"} to
# http://127.0.0.1:PORT/api/hooks/ssh-login with the headers
# X-MiniOps-Timestamp, X-MiniOps-Nonce and X-MiniOps-Signature, where the
# signature is HMAC-SHA256 over "<timestamp / 30>\n<timestamp>\n<nonce>\n<body>"
# keyed with the 32 bytes that the key file's 64 hex characters encode. An
# event that cannot be delivered goes to the spool directory, and the next
# delivery that succeeds sends the spooled events again.
#
# The key stays out of every process's arguments and environment, because
# other users can read /proc/PID/cmdline and every child inherits the
# environment. Only shell builtins (printf, read) and variables that are never
# exported touch it, and sha256sum reads the padded key from standard input.
#
# Test entry point: ssh-alert.sh --self-test-hmac --key-file FILE prints the
# HMAC-SHA256 of standard input, keyed with the hex in FILE (any even length).

# pam_exec passes only the PAM environment, which usually has no PATH.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL
umask 077

ENDPOINT_PATH=/api/hooks/ssh-login
# The agent accepts 60 hook requests a minute from one client, so one run
# sends at most this many spooled events and leaves room for new logins.
REPLAY_MAX=20
SPOOL_MAX=1000
LOG_TAG=mini-ops-ssh-alert

port=3000
key_file=/etc/mini-ops/hook.key
spool_dir=/var/spool/mini-ops
mode=hook

log_warning() {
    if command -v logger >/dev/null 2>&1; then
        logger -t "$LOG_TAG" -p authpriv.warning -- "$*" 2>/dev/null
    fi
}

# is_hex TEXT: true when TEXT is a non-empty string of hex digits of even length.
is_hex() {
    case $1 in
        '' | *[!0-9a-fA-F]*) return 1 ;;
    esac
    [ $((${#1} % 2)) -eq 0 ]
}

# octal_escape BYTE: sets escape to the printf escape \NNN for BYTE (0-255).
# Shell arithmetic computes it, so no other process gets the byte.
octal_escape() {
    escape="\\$(($1 / 64))$(($1 / 8 % 8))$(($1 % 8))"
}

# block_format HEX PAD LENGTH: sets block to a printf format that writes the
# bytes of HEX, each XORed with PAD, followed by PAD bytes up to LENGTH bytes.
# The caller has checked HEX with is_hex, because dash exits on a bad number.
block_format() {
    block_hex=$1
    block_pad=$2
    block_length=$3
    block=
    block_count=0

    while [ -n "$block_hex" ]; do
        block_rest=${block_hex#??}
        block_byte=${block_hex%"$block_rest"}
        block_hex=$block_rest
        octal_escape $((0x$block_byte ^ block_pad))
        block="$block$escape"
        block_count=$((block_count + 1))
    done

    octal_escape "$block_pad"
    while [ "$block_count" -lt "$block_length" ]; do
        block="$block$escape"
        block_count=$((block_count + 1))
    done
}

# hmac_sha256 KEY_HEX: prints the lowercase hex HMAC-SHA256 (RFC 2104) of
# standard input, keyed with the bytes that KEY_HEX encodes.
# shellcheck disable=SC2059 # the formats contain only \NNN escapes from block_format
hmac_sha256() {
    hmac_key=$1

    # RFC 2104: a key longer than the 64-byte SHA-256 block is replaced by its digest.
    if [ ${#hmac_key} -gt 128 ]; then
        block_format "$hmac_key" 0 0
        hmac_key=$(printf "$block" | sha256sum)
        hmac_key=${hmac_key%% *}
    fi

    block_format "$hmac_key" 54 64
    hmac_inner=$({ printf "$block"; cat; } | sha256sum)
    hmac_inner=${hmac_inner%% *}

    block_format "$hmac_key" 92 64
    hmac_outer=$block
    block_format "$hmac_inner" 0 0
    hmac_outer=$(printf "$hmac_outer$block" | sha256sum)
    printf '%s\n' "${hmac_outer%% *}"
}

# json_string VALUE: sets json to VALUE as a quoted JSON string. It escapes
# '"', '\' and U+0000 to U+001F, and passes every other byte through, so UTF-8
# arrives unchanged. od lists the bytes, because sed would split on newlines.
# shellcheck disable=SC2059 # the format contains only escapes built below
json_string() {
    json_format='\042'
    for json_byte in $(printf '%s' "$1" | od -An -v -tu1); do
        case $json_byte in
            34) json_format="$json_format\\134\\042" ;;
            92) json_format="$json_format\\134\\134" ;;
            8) json_format="$json_format\\134b" ;;
            9) json_format="$json_format\\134t" ;;
            10) json_format="$json_format\\134n" ;;
            12) json_format="$json_format\\134f" ;;
            13) json_format="$json_format\\134r" ;;
            ?) json_format="$json_format\\134u000$json_byte" ;;
            1?)
                if [ "$json_byte" -lt 16 ]; then
                    json_format="$json_format\\134u000$(hex_digit "$json_byte")"
                else
                    json_format="$json_format\\134u001$(hex_digit $((json_byte - 16)))"
                fi
                ;;
            2? | 3[01])
                json_format="$json_format\\134u001$(hex_digit $((json_byte - 16)))"
                ;;
            *)
                octal_escape "$json_byte"
                json_format="$json_format$escape"
                ;;
        esac
    done
    json=$(printf "$json_format\\042")
}

# hex_digit N: prints the lowercase hex digit for N (0-15).
hex_digit() {
    case $1 in
        10) printf a ;;
        11) printf b ;;
        12) printf c ;;
        13) printf d ;;
        14) printf e ;;
        15) printf f ;;
        *) printf '%s' "$1" ;;
    esac
}

# build_body: sets body to the login event from the PAM environment, with
# missing variables sent as "".
build_body() {
    json_string "${PAM_USER:-}"
    body="{\"user\":$json"
    json_string "${PAM_RHOST:-}"
    body="$body,\"rhost\":$json"
    json_string "${PAM_SERVICE:-}"
    body="$body,\"service\":$json"
    json_string "${PAM_TTY:-}"
    body="$body,\"tty\":$json"
    body="$body,\"time\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}"
}

# new_nonce: sets nonce to 32 lowercase hex characters from /dev/urandom.
new_nonce() {
    nonce=$(od -An -v -tx1 -N16 /dev/urandom | tr -d ' \n')
    [ ${#nonce} -eq 32 ] && is_hex "$nonce"
}

# read_key: sets key_hex from the key file, which contains 64 hex characters
# and an optional newline.
read_key() {
    key_hex=
    if [ ! -f "$key_file" ] || [ ! -r "$key_file" ]; then
        log_warning "key file $key_file is missing or unreadable; login event spooled in $spool_dir. Run setup_ssh_alerts.sh to create it."
        return 1
    fi

    # Like the agent, accept blanks around the hex and a CRLF line end.
    read -r key_hex <"$key_file"
    while :; do
        case $key_hex in
            *[[:space:]]) key_hex=${key_hex%?} ;;
            *) break ;;
        esac
    done
    if [ ${#key_hex} -ne 64 ] || ! is_hex "$key_hex"; then
        key_hex=
        log_warning "key file $key_file does not contain 64 hex characters; login event spooled in $spool_dir"
        return 1
    fi
}

# post_event BODY: signs BODY with a fresh timestamp and nonce and posts it,
# setting http_status to the agent's status code, or 000 when none arrived.
# curl reads its whole configuration, signature included, from standard
# input, and the body goes into that configuration as a quoted string in
# which curl's config syntax needs '\' and '"' escaped.
post_event() {
    http_status=000
    new_nonce || return 1
    timestamp=$(date +%s)
    signature=$(printf '%s\n%s\n%s\n%s' $((timestamp / 30)) "$timestamp" "$nonce" "$1" | hmac_sha256 "$key_hex")
    config_body=$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')

    http_status=$(
        printf '%s\n' \
            "url = \"http://127.0.0.1:$port$ENDPOINT_PATH\"" \
            'header = "Content-Type: application/json"' \
            'header = "Expect:"' \
            "header = \"X-MiniOps-Timestamp: $timestamp\"" \
            "header = \"X-MiniOps-Nonce: $nonce\"" \
            "header = \"X-MiniOps-Signature: $signature\"" \
            'noproxy = "*"' \
            "data-binary = \"$config_body\"" |
            curl -q -s -K - -o /dev/null -w '%{http_code}' --connect-timeout 1 --max-time 2 2>/dev/null
    )
    [ -n "$http_status" ] || http_status=000
}

is_delivered() {
    case $http_status in
        2??) return 0 ;;
    esac
    return 1
}

# A malformed (400) or oversize (413) event fails the same way on every try.
is_rejected_for_good() {
    [ "$http_status" = 400 ] || [ "$http_status" = 413 ]
}

# spool_is_safe: true when the spool directory exists or was just created,
# belongs to this user and is not writable by group or others, because the
# hook signs whatever the spool contains.
spool_is_safe() {
    if [ ! -d "$spool_dir" ] && ! mkdir -m 700 "$spool_dir" 2>/dev/null; then
        log_warning "cannot create spool directory $spool_dir"
        return 1
    fi

    spool_owner_mode=$(stat -c '%u %a' "$spool_dir" 2>/dev/null) || return 1
    spool_mode=${spool_owner_mode#* }
    case $spool_mode in
        *[2367]? | *[2367])
            log_warning "spool directory $spool_dir is writable by group or others; not using it. Fix: chmod 0700 $spool_dir"
            return 1
            ;;
    esac
    if [ "${spool_owner_mode%% *}" != "$(id -u)" ]; then
        log_warning "spool directory $spool_dir is not owned by uid $(id -u); not using it. Fix: chown root:root $spool_dir"
        return 1
    fi
}

# prune_spool: deletes the oldest spooled events so that one more fits under SPOOL_MAX.
prune_spool() {
    set -- "$spool_dir"/*.json
    [ -e "$1" ] || return 0
    prune_count=$(($# - SPOOL_MAX + 1))
    [ "$prune_count" -gt 0 ] || return 0

    log_warning "spool directory $spool_dir contains $# events, the limit is $SPOOL_MAX; deleting the $prune_count oldest"
    while [ "$prune_count" -gt 0 ]; do
        rm -f -- "$1"
        shift
        prune_count=$((prune_count - 1))
    done
}

# spool_event BODY: stores BODY as one file named by time and nonce. The
# rename makes the file appear complete to a concurrent replay.
spool_event() {
    spool_is_safe || {
        log_warning "login event lost: spool directory $spool_dir is unusable"
        return 1
    }
    prune_spool
    new_nonce || return 1

    spool_name="$(date +%s)-$nonce.json"
    if printf '%s\n' "$1" >"$spool_dir/.$spool_name.tmp" 2>/dev/null &&
        mv -f -- "$spool_dir/.$spool_name.tmp" "$spool_dir/$spool_name"; then
        return 0
    fi
    rm -f -- "$spool_dir/.$spool_name.tmp"
    log_warning "login event lost: cannot write to spool directory $spool_dir"
    return 1
}

# replay_spool: re-sends spooled events, oldest first, each with a fresh
# signature and its original "time", and deletes each one the agent accepted.
# It stops at the first failure, because the agent is then down or rate-limiting.
replay_spool() {
    [ -d "$spool_dir" ] || return 0
    spool_is_safe || return 0

    # Two logins at once would otherwise send the same spooled event twice.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$spool_dir/.lock" || return 0
        flock -n 9 || return 0
    fi

    replayed=0
    for spooled in "$spool_dir"/*.json; do
        [ -f "$spooled" ] || continue
        [ "$replayed" -lt "$REPLAY_MAX" ] || break
        replayed=$((replayed + 1))

        spooled_body=
        IFS= read -r spooled_body <"$spooled"
        post_event "$spooled_body"
        if is_delivered; then
            rm -f -- "$spooled"
        elif is_rejected_for_good; then
            log_warning "agent rejected spooled event $spooled with HTTP $http_status; deleted it"
            rm -f -- "$spooled"
        else
            break
        fi
    done
}

# deliver_login: the detached part. It posts this login, spools it on
# failure, and replays the spool after a success.
deliver_login() {
    build_body

    if ! command -v curl >/dev/null 2>&1; then
        log_warning "curl not found; login event spooled in $spool_dir. Install it: apt-get install curl"
        spool_event "$body"
        return
    fi
    if ! read_key; then
        spool_event "$body"
        return
    fi

    post_event "$body"
    if is_delivered; then
        replay_spool
    elif is_rejected_for_good; then
        log_warning "agent rejected the login event with HTTP $http_status; event dropped"
    else
        log_warning "$(describe_failure); login event spooled in $spool_dir"
        spool_event "$body"
    fi
}

# describe_failure: prints why the agent did not accept a request, with the fix.
describe_failure() {
    case $http_status in
        000) printf 'no response from the agent on 127.0.0.1:%s (connection refused or timed out)' "$port" ;;
        401) printf 'the agent on 127.0.0.1:%s rejected the signature (HTTP 401); check that it reads the key file %s (HOOK_KEY_FILE) and that its clock is right' "$port" "$key_file" ;;
        *) printf 'the agent on 127.0.0.1:%s returned HTTP %s' "$port" "$http_status" ;;
    esac
}

# self_test_hmac: prints the HMAC of standard input keyed with the hex in --key-file.
self_test_hmac() {
    test_key=
    IFS= read -r test_key <"$key_file" || [ -n "$test_key" ] || exit 2
    if ! is_hex "$test_key"; then
        printf 'ssh-alert.sh: %s does not contain an even number of hex digits\n' "$key_file" >&2
        exit 2
    fi
    hmac_sha256 "$test_key"
}

# Arguments come from the PAM line, so a bad one is logged, never fatal.
while [ $# -gt 0 ]; do
    case $1 in
        --port | --key-file | --spool-dir)
            if [ $# -lt 2 ]; then
                log_warning "option $1 needs a value; using the default"
                break
            fi
            case $1 in
                --port) port=$2 ;;
                --key-file) key_file=$2 ;;
                --spool-dir) spool_dir=$2 ;;
            esac
            shift 2
            ;;
        --deliver) mode=deliver && shift ;;
        --self-test-hmac) mode=self-test-hmac && shift ;;
        *)
            log_warning "unknown option $1 ignored"
            shift
            ;;
    esac
done

case $port in
    '' | *[!0-9]* | 0*)
        log_warning "invalid --port '$port'; expected 1-65535. Login event not sent."
        exit 0
        ;;
esac
if [ "${#port}" -gt 5 ] || [ "$port" -gt 65535 ]; then
    log_warning "invalid --port '$port'; expected 1-65535. Login event not sent."
    exit 0
fi

case $mode in
    self-test-hmac)
        self_test_hmac
        exit
        ;;
    deliver)
        deliver_login
        exit 0
        ;;
esac

# pam_exec runs this for close_session too, and the line may be copied into
# other services' PAM files.
[ "${PAM_TYPE:-}" = open_session ] || exit 0
[ "${PAM_SERVICE:-}" = sshd ] || exit 0

# setsid puts the delivery in its own session, so the end of the SSH session
# does not signal it, and PAM gets this process's exit status at once.
if command -v setsid >/dev/null 2>&1; then
    setsid /bin/sh "$0" --deliver --port "$port" --key-file "$key_file" --spool-dir "$spool_dir" \
        </dev/null >/dev/null 2>&1 &
else
    (
        trap '' HUP
        deliver_login
    ) </dev/null >/dev/null 2>&1 &
fi
exit 0
