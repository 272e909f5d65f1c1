#!/usr/bin/env bash
# mailservers.sh: a real Dovecot (IMAP, LMTP, SASL) and Postfix (inbound MX and
# submission) on 127.0.0.1 for the integration tests. Needs root (Postfix) and
# Debian 12 packages; everything else lives in one state directory, so the
# system's own mail configuration (/etc/postfix, /etc/dovecot) is not touched.
#
# Usage:
#   .ci/mailservers.sh install          install dovecot-imapd dovecot-lmtpd postfix openssl if missing
#   eval "$(.ci/mailservers.sh start)"  (re)create the state dir, start both servers, print the env
#   .ci/mailservers.sh env              print the env of the running servers again
#   .ci/mailservers.sh stop             stop both servers (the state dir is kept for post-mortems)
#
# Inputs (optional):
#   HELPDESK_TEST_STATE_DIR  state directory (default /tmp/helpdesk-mailservers); `start` wipes it
#   HELPDESK_TEST_PORT_BASE  first port (default 24000); ports are base+143, +993, +25, +587, +24, +12
#
# `start` prints these variables for `go test` (see internal/testenv and /work/notes/testenv.md):
#   HELPDESK_TEST_REAL=1
#   HELPDESK_TEST_IMAP_ADDR         Dovecot IMAP with STARTTLS           127.0.0.1:base+143
#   HELPDESK_TEST_IMAPS_ADDR        Dovecot IMAP with implicit TLS       127.0.0.1:base+993
#   HELPDESK_TEST_SMTP_ADDR         Postfix submission, STARTTLS + AUTH  127.0.0.1:base+587
#   HELPDESK_TEST_MX_ADDR           Postfix inbound MX, no AUTH          127.0.0.1:base+25
#   HELPDESK_TEST_CA_FILE           PEM CA that signed the servers' certificate (127.0.0.1, localhost)
#   HELPDESK_TEST_PASSWD_FILE       Dovecot passwd-file; append "address:{PLAIN}password" to add a mailbox
#   HELPDESK_TEST_MAILLOG           Postfix log file
#   HELPDESK_TEST_SUPPORT_ADDR      support@volgersfabriek.nl, also its user name
#   HELPDESK_TEST_SUPPORT_PASSWORD  its password (random per start)
#   HELPDESK_TEST_DOMAINS           space-separated domains delivered into Dovecot
#
# Mail for an unknown user of these domains is accepted at RCPT time and then
# bounced (Dovecot's LMTP refuses it), so a test gets a real DSN in the sender's
# INBOX. Mail to any other domain is refused by the MX and bounced by submission.
set -euo pipefail

state=${HELPDESK_TEST_STATE_DIR:-/tmp/helpdesk-mailservers}
base=${HELPDESK_TEST_PORT_BASE:-24000}
imap_port=$((base + 143))
imaps_port=$((base + 993))
mx_port=$((base + 25))
submission_port=$((base + 587))
lmtp_port=$((base + 24))
auth_port=$((base + 12))

support=support@volgersfabriek.nl
# The shop, the customer domains of PRODUCT.md and of the corpora's orders.csv
# and From: headers (shared/corpus/*), and the example domains of RFC 2606.
domains="volgersfabriek.nl
example.nl example.com example.org example.net example.be example.de example.co.uk
example.fr example.es example.it example.ie example.se example.pl example.pt example.in
lists.example.org mail.example.net
bakkerij-hendriks.example bakkerijzwart.example betaalflow.example betaalhuis.example
brightlane-agency.example brightside-creators.example colecreative.example
creatorweekly.example dailytech.example ellisandco.example growthdesk.example
hoogendoorn-installatie.example kapsalonknip.example northwind-retail.example
rapfietsen.example reviewradar.example schaap-fotografie.example shawbuild.example
stam-installaties.example studiolintjes.example verstappen-advies.example
webb-logistics.example woudamedia.example"
domains=$(echo $domains) # one line, single spaces

# The uid that owns the mail files: Dovecot refuses root; nobody needs no setup.
mail_uid=65534
mail_gid=65534

log() { echo "mailservers: $*" >&2; }
die() { log "error: $*"; exit 1; }

cmd_install() {
	local missing=()
	command -v dovecot >/dev/null || missing+=(dovecot-imapd)
	[ -x /usr/lib/dovecot/lmtp ] || missing+=(dovecot-lmtpd)
	command -v postfix >/dev/null || missing+=(postfix)
	command -v openssl >/dev/null || missing+=(openssl)
	command -v script >/dev/null || missing+=(bsdutils)
	if [ ${#missing[@]} -eq 0 ]; then
		log "packages already installed"
		return
	fi
	[ "$(id -u)" -eq 0 ] || die "installing ${missing[*]} needs root"
	log "installing ${missing[*]}"
	# "No configuration": the package writes no main.cf and starts nothing;
	# this script brings its own configuration.
	echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# wait_port waits until something accepts TCP connections on 127.0.0.1:$1.
wait_port() {
	local i
	for i in $(seq 100); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

gen_tls() {
	local d=$state/tls
	mkdir -p "$d"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
		-subj "/CN=helpdesk test CA" -keyout "$d/ca.key" -out "$d/ca.pem" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
		2>/dev/null
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-subj "/CN=localhost" -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
	openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
		-days 30 -out "$d/server.pem" \
		-extfile <(printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
			"basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
			"extendedKeyUsage=serverAuth") 2>/dev/null
	rm -f "$d/server.csr" "$d/ca.srl"
	chmod 0644 "$d/ca.pem" "$d/server.pem"
	chmod 0600 "$d/ca.key" "$d/server.key"
}

write_dovecot_conf() {
	local d=$state/dovecot
	mkdir -p "$d"
	cat >"$d/dovecot.conf" <<EOF
# Written by .ci/mailservers.sh: a test Dovecot, loopback only.
instance_name = helpdesk-test
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
shutdown_clients = yes

ssl = yes
ssl_cert = <$state/tls/server.pem
ssl_key = <$state/tls/server.key
ssl_min_protocol = TLSv1.2

# Loopback counts as secure to Dovecot, so LOGIN also works without STARTTLS.
disable_plaintext_auth = yes
auth_mechanisms = plain login
# Tests try wrong passwords on purpose: answer failures at once (within
# Dovecot's 0.5 s flush tick) and keep no per-IP penalty (anvil-auth-penalty).
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu $d/passwd
}
# Static userdb: users are whoever the passwd-file lists (checked through the
# passdb, so LMTP refuses unknown recipients and Postfix bounces).
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$state/mail/%Ld/%Ln
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
# Addresses are literal: lisa+shop@ is not lisa@.
recipient_delimiter =

namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp_port
  }
  unix_listener lmtp {
    mode = 0600
  }
}
# SASL for Postfix's submission service (smtpd_sasl_type = dovecot).
service auth {
  inet_listener {
    address = 127.0.0.1
    port = $auth_port
  }
}
protocol lmtp {
  postmaster_address = postmaster@volgersfabriek.nl
}
EOF
}

write_postfix_conf() {
	local d=$state/postfix
	mkdir -p "$d/etc" "$d/spool" "$d/lib"
	chown postfix "$d/lib"
	cat >"$d/etc/main.cf" <<EOF
# Written by .ci/mailservers.sh: a test Postfix, loopback only.
compatibility_level = 3.6
queue_directory = $d/spool
data_directory = $d/lib
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.volgersfabriek.nl
mydomain = volgersfabriek.nl
myorigin = \$myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
biff = no
# Dovecot 2.3's LMTP has no SMTPUTF8, so Postfix would bounce (5.6.7) every
# SMTPUTF8 mail with a UTF-8 header. Without SMTPUTF8 such a header is simply
# 8-bit data, delivered as most real servers do.
smtputf8_enable = no
maillog_file = $state/postfix.log
maillog_file_prefixes = $state

# Everything for the test domains goes into Dovecot over LMTP; nothing leaves.
virtual_mailbox_domains = $domains
virtual_transport = lmtp:inet:127.0.0.1:$lmtp_port
local_transport = error:5.1.1 no local delivery in the test server
default_transport = error:5.1.2 no delivery outside the test domains
relay_transport = \$default_transport
alias_maps =
alias_database =
# Unknown users are not rejected at RCPT time: LMTP refuses them and Postfix
# bounces a DSN to the sender.
smtpd_reject_unlisted_recipient = no
# Inbound (the MX): mail for the test domains only, from anyone, no AUTH.
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_tls_cert_file = $state/tls/server.pem
smtpd_tls_key_file = $state/tls/server.key
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
# Tests do not wait minutes for a retry.
queue_run_delay = 2s
minimal_backoff_time = 2s
maximal_backoff_time = 5s
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
EOF
	cat >"$d/etc/master.cf" <<EOF
# Written by .ci/mailservers.sh. No chroot (column 5 = n).
# service             type  private unpriv  chroot  wakeup  maxproc command
127.0.0.1:$mx_port    inet  n       -       n       -       -       smtpd
127.0.0.1:$submission_port inet n   -       n       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_sasl_type=dovecot
  -o smtpd_sasl_path=inet:127.0.0.1:$auth_port
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

cmd_env() {
	[ -f "$state/env" ] || die "no servers started (no $state/env); run: $0 start"
	cat "$state/env"
}

cmd_stop() {
	if [ -f "$state/postfix/etc/main.cf" ] && [ -f "$state/postfix/lib/master.lock" ]; then
		postfix -c "$state/postfix/etc" stop 2>/dev/null || true
	fi
	local pidfile=$state/dovecot/run/master.pid
	if [ -f "$pidfile" ]; then
		local pid
		pid=$(cat "$pidfile")
		if kill "$pid" 2>/dev/null; then
			# Dovecot's master stops its children and removes the pid file.
			local i
			for i in $(seq 50); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 0.1
			done
		fi
	fi
	log "stopped"
}

cmd_start() {
	[ "$(id -u)" -eq 0 ] || die "start needs root (Postfix)"
	command -v dovecot >/dev/null && command -v postfix >/dev/null && [ -x /usr/lib/dovecot/lmtp ] ||
		die "dovecot-imapd, dovecot-lmtpd or postfix missing; run: $0 install"
	[ -n "$state" ] && [ "$state" != / ] || die "bad HELPDESK_TEST_STATE_DIR"

	cmd_stop 2>/dev/null
	local p
	for p in $imap_port $imaps_port $mx_port $submission_port $lmtp_port $auth_port; do
		port_free "$p" || die "port $p is in use (set HELPDESK_TEST_PORT_BASE)"
	done
	# A start that fails half-way stops what it started.
	trap 'rc=$?; [ "$rc" -eq 0 ] || cmd_stop; exit "$rc"' EXIT
	rm -rf "$state"
	mkdir -p "$state"
	chmod 0755 "$state"

	gen_tls
	write_dovecot_conf
	write_postfix_conf

	mkdir -p "$state/mail"
	chown "$mail_uid:$mail_gid" "$state/mail"
	local password
	password=$(openssl rand -hex 12)
	printf '%s:{PLAIN}%s\n' "$support" "$password" >"$state/dovecot/passwd"
	# Tests append users; a developer runs them without sudo.
	chmod 0644 "$state/dovecot/passwd"
	if [ -n "${SUDO_UID:-}" ]; then
		chown "$SUDO_UID" "$state/dovecot/passwd"
	fi

	# The daemons keep the stdio they start with: never a caller's pipe.
	if ! dovecot -c "$state/dovecot/dovecot.conf" </dev/null >"$state/dovecot-start.out" 2>&1; then
		cat "$state/dovecot-start.out" >&2
		die "dovecot did not start: $(tail -n 20 "$state/dovecot/dovecot.log" 2>/dev/null)"
	fi

	# Postfix prints its fatal errors to a terminal only: script(1) gives it
	# one, and `postfix check` says what is wrong when start fails.
	if ! script -qec "postfix -c $state/postfix/etc start" /dev/null </dev/null >"$state/postfix-start.out" 2>&1; then
		cat "$state/postfix-start.out" >&2
		script -qec "postfix -c $state/postfix/etc check" /dev/null </dev/null >&2 || true
		die "postfix did not start"
	fi

	for p in $imap_port $imaps_port $lmtp_port $auth_port; do
		wait_port "$p" || die "dovecot does not listen on $p: $(tail -n 20 "$state/dovecot/dovecot.log")"
	done
	for p in $mx_port $submission_port; do
		wait_port "$p" || die "postfix does not listen on $p: $(tail -n 20 "$state/postfix.log" 2>/dev/null)"
	done
	# The log files are for the developer running the tests, too.
	touch "$state/postfix.log"
	chmod 0644 "$state/postfix.log" "$state/dovecot/dovecot.log" 2>/dev/null || true

	cat >"$state/env" <<EOF
export HELPDESK_TEST_REAL=1
export HELPDESK_TEST_IMAP_ADDR=127.0.0.1:$imap_port
export HELPDESK_TEST_IMAPS_ADDR=127.0.0.1:$imaps_port
export HELPDESK_TEST_SMTP_ADDR=127.0.0.1:$submission_port
export HELPDESK_TEST_MX_ADDR=127.0.0.1:$mx_port
export HELPDESK_TEST_CA_FILE=$state/tls/ca.pem
export HELPDESK_TEST_PASSWD_FILE=$state/dovecot/passwd
export HELPDESK_TEST_MAILLOG=$state/postfix.log
export HELPDESK_TEST_SUPPORT_ADDR=$support
export HELPDESK_TEST_SUPPORT_PASSWORD=$password
export HELPDESK_TEST_DOMAINS='$domains'
EOF
	log "dovecot and postfix running; state in $state"
	cmd_env
}

case ${1:-} in
install) cmd_install ;;
start) cmd_start ;;
stop) cmd_stop ;;
env) cmd_env ;;
*)
	echo "usage: $0 install|start|env|stop" >&2
	exit 2
	;;
esac
