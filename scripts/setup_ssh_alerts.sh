#!/bin/sh
# shellcheck disable=SC2015 # "step && step || die" dies when either step fails, as intended.
# Installs or removes the Mini-Ops SSH login hook. It needs root, and a second
# run changes only what differs. See --help for the options.

PATH=/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL

PROGRAM=setup_ssh_alerts.sh
GROUP=miniops
DEFAULT_SPOOL_DIR=/var/spool/mini-ops
# Debian and Ubuntu keep PAM modules in the multiarch directories, Fedora and
# RHEL in /usr/lib64/security, older systems in /lib/security.
DEFAULT_MODULE_DIRS="/lib/x86_64-linux-gnu/security /usr/lib/x86_64-linux-gnu/security /lib/aarch64-linux-gnu/security /usr/lib/aarch64-linux-gnu/security /lib/security /usr/lib/security /usr/lib64/security /lib64/security"

port=3000
hook_dir=/opt/mini-ops/scripts
key_file=/etc/mini-ops/hook.key
pam_file=/etc/pam.d/sshd
spool_dir=$DEFAULT_SPOOL_DIR
module_dir=
action=install
dry_run=false

usage() {
    cat <<EOF
Usage: $PROGRAM [OPTION]...
Install the Mini-Ops SSH login hook: every SSH login is posted to the
Mini-Ops agent on 127.0.0.1, which stores it and sends an alert.

The installer copies ssh-alert.sh into the hook directory, adds one
"session optional pam_exec.so quiet ..." line at the end of the PAM file,
creates the $GROUP system group, the shared key (0640 root:$GROUP) and the
spool directory (0700 root) when they are missing, and checks that the agent
responds. Running it again changes only what differs. The hook posts with
curl; where curl is missing, it only spools the logins.

Options:
  --port N              agent port on 127.0.0.1 (default: 3000)
  --hook-dir DIR        where the hook is installed (default: /opt/mini-ops/scripts)
  --key-file FILE       shared key, 64 hex characters; the agent reads the same
                        file through HOOK_KEY_FILE (default: /etc/mini-ops/hook.key)
  --spool-dir DIR       where the hook keeps events it could not deliver
                        (default: $DEFAULT_SPOOL_DIR)
  --pam-file FILE       PAM configuration to change (default: /etc/pam.d/sshd)
  --pam-module-dir DIR  look for pam_exec.so only in DIR (default: the usual
                        module directories, then dpkg -L libpam-modules)
  --uninstall           remove the PAM line; the PAM file gets back the exact
                        bytes it had before the install unless it was edited
                        since, and then only the line goes
  --dry-run             print the change to the PAM file as a diff and the
                        other steps, and change nothing
  --help                print this help

Install saves a copy of the PAM file next to the key file, named
pam.d-<PAM file name>.orig (for example /etc/mini-ops/pam.d-sshd.orig), which
--uninstall uses and then deletes. --uninstall leaves the hook, the key, the
group and the spool directory in place.
EOF
}

die() {
    printf '%s: error: %s\n' "$PROGRAM" "$*" >&2
    exit 1
}

warn() {
    printf '%s: warning: %s\n' "$PROGRAM" "$*" >&2
}

say() {
    printf '%s\n' "$*"
}

# PAM splits module arguments on whitespace, and the hook needs absolute paths.
require_pam_path() {
    case $2 in
        /*) ;;
        *) die "$1 '$2' is not an absolute path" ;;
    esac
    case $2 in
        *[[:space:]]* | *'['* | *']'*)
            die "$1 '$2' contains whitespace or brackets, which PAM cannot pass to the hook; choose another path"
            ;;
    esac
}

parse_arguments() {
    while [ $# -gt 0 ]; do
        case $1 in
            --port | --hook-dir | --key-file | --spool-dir | --pam-file | --pam-module-dir)
                [ $# -ge 2 ] || die "option $1 needs a value; see --help"
                case $1 in
                    --port) port=$2 ;;
                    --hook-dir) hook_dir=$2 ;;
                    --key-file) key_file=$2 ;;
                    --spool-dir) spool_dir=$2 ;;
                    --pam-file) pam_file=$2 ;;
                    --pam-module-dir) module_dir=$2 ;;
                esac
                shift 2
                ;;
            --uninstall) action=uninstall && shift ;;
            --dry-run) dry_run=true && shift ;;
            --help | -h)
                usage
                exit 0
                ;;
            *) die "unknown option '$1'; see --help" ;;
        esac
    done

    case $port in
        '' | *[!0-9]* | 0*) die "invalid --port '$port'; expected a number from 1 to 65535" ;;
    esac
    if [ ${#port} -gt 5 ] || [ "$port" -gt 65535 ]; then
        die "invalid --port '$port'; expected a number from 1 to 65535"
    fi
    require_pam_path --hook-dir "$hook_dir"
    require_pam_path --key-file "$key_file"
    require_pam_path --spool-dir "$spool_dir"

    hook_dir=${hook_dir%/}
    hook_file=$hook_dir/ssh-alert.sh
    backup_file=$(dirname -- "$key_file")/pam.d-$(basename -- "$pam_file").orig
    pam_line="session optional pam_exec.so quiet $hook_file --port $port --key-file $key_file"
    if [ "$spool_dir" != "$DEFAULT_SPOOL_DIR" ]; then
        pam_line="$pam_line --spool-dir $spool_dir"
    fi
}

# A hook line is any session line that runs pam_exec.so with a script named
# ssh-alert.sh, so a re-install with other options replaces the old line.
HOOK_LINE_PATTERN='^[[:space:]]*session[[:space:]].*pam_exec\.so.*/ssh-alert\.sh([[:space:]]|$)'

count_hook_lines() {
    grep -Ec -- "$HOOK_LINE_PATTERN" "$1"
}

# ends_without_newline FILE: true when FILE is not empty and its last byte is not LF.
ends_without_newline() {
    [ -s "$1" ] && [ "$(tail -c 1 -- "$1" | od -An -tx1 | tr -d ' \n')" != 0a ]
}

# write_with_hook_line SOURCE TARGET: writes SOURCE without hook lines, plus this
# install's line at the end, to TARGET.
write_with_hook_line() {
    sed -E "\\#$HOOK_LINE_PATTERN#d" -- "$1" >"$2" || return 1
    if ends_without_newline "$2"; then
        printf '\n' >>"$2"
    fi
    printf '%s\n' "$pam_line" >>"$2"
}

# write_without_hook_lines SOURCE TARGET: deletes the hook lines and keeps
# every other byte, a missing final newline included.
write_without_hook_lines() {
    sed -E "\\#$HOOK_LINE_PATTERN#d" -- "$1" >"$2"
}

# replace_file NEW TARGET: moves NEW over TARGET with TARGET's owner and mode.
# The rename is atomic, so sshd never reads a half-written PAM file.
replace_file() {
    chown --reference="$2" -- "$1" &&
        chmod --reference="$2" -- "$1" &&
        mv -f -- "$1" "$2"
}

show_diff() {
    if command -v diff >/dev/null 2>&1; then
        diff -u --label "$pam_file" --label "$pam_file (after)" -- "$1" "$2"
    else
        say "(diff not installed) the PAM file would become:"
        cat -- "$2"
    fi
    return 0
}

find_pam_exec() {
    if [ -n "$module_dir" ]; then
        [ -f "$module_dir/pam_exec.so" ]
        return
    fi
    for dir in $DEFAULT_MODULE_DIRS; do
        [ -f "$dir/pam_exec.so" ] && return 0
    done
    command -v dpkg >/dev/null 2>&1 &&
        dpkg -L libpam-modules 2>/dev/null | grep -q '/pam_exec\.so$'
}

check_system() {
    if [ "$dry_run" = false ] && [ "$(id -u)" != 0 ]; then
        die "must run as root (try: sudo $0 $*), or use --dry-run to only see the change"
    fi
    [ -f "$pam_file" ] ||
        die "$pam_file not found: install the OpenSSH server (apt-get install openssh-server), or name the sshd PAM file with --pam-file FILE"
    pam_file=$(readlink -f -- "$pam_file")
    [ "$action" = uninstall ] && return

    if ! find_pam_exec; then
        if [ -n "$module_dir" ]; then
            die "pam_exec.so not found in $module_dir: install it with apt-get install libpam-modules"
        fi
        die "pam_exec.so not found in $DEFAULT_MODULE_DIRS or in dpkg -L libpam-modules: install it with apt-get install libpam-modules"
    fi
    hook_source=$(dirname -- "$0")/ssh-alert.sh
    [ -f "$hook_source" ] ||
        die "$hook_source not found: run $PROGRAM from the Mini-Ops scripts directory, where ssh-alert.sh sits beside it"
}

ensure_group() {
    if getent group "$GROUP" >/dev/null 2>&1; then
        say "group $GROUP: present"
        return
    fi
    if [ "$dry_run" = true ]; then
        say "group $GROUP: would create (groupadd --system $GROUP)"
        return
    fi
    command -v groupadd >/dev/null 2>&1 || die "groupadd not found: install it with apt-get install passwd"
    groupadd --system "$GROUP" || die "groupadd --system $GROUP failed"
    say "group $GROUP: created"
}

# is_key_file_valid: true when the key file's first line is 64 hex characters,
# with blanks and a CRLF line end allowed as the hook and the agent allow them.
is_key_file_valid() {
    key_line=
    read -r key_line <"$key_file"
    while :; do
        case $key_line in
            *[[:space:]]) key_line=${key_line%?} ;;
            *) break ;;
        esac
    done
    case $key_line in
        *[!0-9a-fA-F]*) key_line= && return 1 ;;
    esac
    [ ${#key_line} -eq 64 ]
    key_valid=$?
    key_line=
    return $key_valid
}

# The key is written under umask 077 and only then opened to the group, so no
# other user can read it at any moment. It is never printed.
ensure_key() {
    key_dir=$(dirname -- "$key_file")
    if [ -e "$key_file" ]; then
        if [ ! -r "$key_file" ] && [ "$dry_run" = true ]; then
            say "key $key_file: present (not readable without root, so not checked)"
            return
        fi
        if ! is_key_file_valid; then
            die "$key_file does not contain 64 hex characters; delete it and run $PROGRAM again to create a new key (then restart the agent)"
        fi
        if [ "$dry_run" = true ]; then
            say "key $key_file: present (would set 0640 root:$GROUP)"
            return
        fi
        chown "root:$GROUP" -- "$key_file" && chmod 0640 -- "$key_file" ||
            die "cannot set owner root:$GROUP and mode 0640 on $key_file"
        say "key $key_file: present, 0640 root:$GROUP"
        return
    fi

    if [ "$dry_run" = true ]; then
        say "key $key_file: would create (32 random bytes as 64 hex characters, 0640 root:$GROUP)"
        return
    fi
    if [ ! -d "$key_dir" ]; then
        mkdir -p -- "$key_dir" && chown "root:$GROUP" -- "$key_dir" && chmod 0750 -- "$key_dir" ||
            die "cannot create directory $key_dir"
    fi
    key_tmp=$(mktemp -- "$key_dir/.hook.key.XXXXXX") || die "cannot create a file in $key_dir"
    (
        umask 077
        od -An -v -tx1 -N32 /dev/urandom | tr -d ' \n' >"$key_tmp" && printf '\n' >>"$key_tmp"
    ) &&
        chown "root:$GROUP" -- "$key_tmp" &&
        chmod 0640 -- "$key_tmp" &&
        mv -f -- "$key_tmp" "$key_file" || {
        rm -f -- "$key_tmp"
        die "cannot write the key to $key_file"
    }
    say "key $key_file: created, 0640 root:$GROUP"
}

ensure_spool_dir() {
    if [ "$dry_run" = true ]; then
        if [ -d "$spool_dir" ]; then
            say "spool $spool_dir: present (would set 0700 root:root)"
        else
            say "spool $spool_dir: would create (0700 root:root)"
        fi
        return
    fi
    if [ ! -d "$spool_dir" ]; then
        mkdir -p -- "$spool_dir" || die "cannot create spool directory $spool_dir"
    fi
    chown root:root -- "$spool_dir" && chmod 0700 -- "$spool_dir" ||
        die "cannot set owner root:root and mode 0700 on $spool_dir"
    say "spool $spool_dir: 0700 root:root"
}

install_hook() {
    if [ "$dry_run" = true ]; then
        say "hook $hook_file: would copy from $hook_source (0755 root:root)"
        return
    fi
    mkdir -p -- "$hook_dir" || die "cannot create directory $hook_dir"

    # When the installer runs from the installed scripts directory, the hook is already in place.
    if [ -e "$hook_file" ] &&
        [ "$(stat -L -c '%d %i' -- "$hook_source")" = "$(stat -L -c '%d %i' -- "$hook_file")" ]; then
        chown root:root -- "$hook_file" && chmod 0755 -- "$hook_file" ||
            die "cannot set owner root:root and mode 0755 on $hook_file"
    else
        install -o root -g root -m 0755 -- "$hook_source" "$hook_file" ||
            die "cannot copy $hook_source to $hook_file"
    fi
    say "hook $hook_file: 0755 root:root"
}

# The line goes in last, after the hook and key it names exist.
add_pam_line() {
    if [ "$(count_hook_lines "$pam_file")" = 1 ] && grep -Fqx -- "$pam_line" "$pam_file"; then
        say "PAM $pam_file: line present"
        return
    fi

    work_dir=$(dirname -- "$pam_file")
    [ "$dry_run" = true ] && work_dir=${TMPDIR:-/tmp}
    new_file=$(mktemp -- "$work_dir/.$(basename -- "$pam_file").XXXXXX") || die "cannot create a file in $work_dir"
    write_with_hook_line "$pam_file" "$new_file" || {
        rm -f -- "$new_file"
        die "cannot write $new_file"
    }

    if [ "$dry_run" = true ]; then
        show_diff "$pam_file" "$new_file"
        rm -f -- "$new_file"
        return
    fi

    # The backup is the file as it was before any hook line, so it is taken
    # only from a file without one.
    if [ "$(count_hook_lines "$pam_file")" = 0 ]; then
        mkdir -p -- "$(dirname -- "$backup_file")" &&
            cp -p -- "$pam_file" "$backup_file" || {
            rm -f -- "$new_file"
            die "cannot save a copy of $pam_file to $backup_file"
        }
    fi
    replace_file "$new_file" "$pam_file" || {
        rm -f -- "$new_file"
        die "cannot update $pam_file"
    }
    say "PAM $pam_file: added: $pam_line"
}

# A 401 means the agent runs and requires its bearer token, so it counts as up.
check_agent() {
    if ! command -v curl >/dev/null 2>&1; then
        warn "curl not found: the hook needs it to deliver logins, and until then it only spools them. Install it: apt-get install curl"
        return
    fi
    status=$(curl -q -s -o /dev/null -w '%{http_code}' --noproxy '*' --connect-timeout 2 --max-time 5 \
        "http://127.0.0.1:$port/api/health" 2>/dev/null)
    case $status in
        2?? | 401) say "agent on 127.0.0.1:$port: up (HTTP $status; 401 is its answer to a request without a token)" ;;
        '' | 000) warn "no agent responds on 127.0.0.1:$port, so the hook spools logins in $spool_dir until it does. Start the agent (bin/mini-ops serve) with HOOK_KEY_FILE=$key_file" ;;
        *) warn "127.0.0.1:$port returned HTTP $status for /api/health; check that the Mini-Ops agent listens on port $port" ;;
    esac
}

# The backup is restored only when the file is exactly what install made of
# it, so an edit made since the install survives the uninstall.
remove_pam_line() {
    lines=$(count_hook_lines "$pam_file")
    if [ "$lines" = 0 ]; then
        say "PAM $pam_file: no hook line, nothing to remove"
        if [ "$dry_run" = false ] && [ -f "$backup_file" ]; then
            rm -f -- "$backup_file"
        fi
        return
    fi

    work_dir=$(dirname -- "$pam_file")
    [ "$dry_run" = true ] && work_dir=${TMPDIR:-/tmp}
    new_file=$(mktemp -- "$work_dir/.$(basename -- "$pam_file").XXXXXX") || die "cannot create a file in $work_dir"

    restore=false
    if [ "$lines" = 1 ] && [ -f "$backup_file" ] && [ "$(count_hook_lines "$backup_file")" = 0 ]; then
        pam_line=$(grep -E -- "$HOOK_LINE_PATTERN" "$pam_file")
        write_with_hook_line "$backup_file" "$new_file"
        cmp -s -- "$new_file" "$pam_file" && restore=true
    fi
    if [ "$restore" = true ]; then
        cp -p -- "$backup_file" "$new_file"
    else
        write_without_hook_lines "$pam_file" "$new_file"
    fi || {
        rm -f -- "$new_file"
        die "cannot write $new_file"
    }

    if [ "$dry_run" = true ]; then
        show_diff "$pam_file" "$new_file"
        rm -f -- "$new_file"
        return
    fi

    if [ "$restore" = true ]; then
        # cp -p gave the copy the backup's owner and mode, which are the original ones.
        mv -f -- "$new_file" "$pam_file" || {
            rm -f -- "$new_file"
            die "cannot restore $pam_file"
        }
        say "PAM $pam_file: restored from $backup_file"
    else
        replace_file "$new_file" "$pam_file" || {
            rm -f -- "$new_file"
            die "cannot update $pam_file"
        }
        say "PAM $pam_file: removed the hook line and kept the edits made since the install"
    fi
    rm -f -- "$backup_file"
}

parse_arguments "$@"
check_system "$@"

if [ "$action" = uninstall ]; then
    remove_pam_line
    say "left in place: $hook_file, $key_file, group $GROUP and $spool_dir"
    exit 0
fi

ensure_group
ensure_key
ensure_spool_dir
install_hook
add_pam_line
[ "$dry_run" = true ] || check_agent
exit 0
