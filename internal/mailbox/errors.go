package mailbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/emersion/go-imap/v2"
)

// Errors returned by this package. Protocol refusals reach the caller as
// *imap.Error (use errors.As; its Code holds the response code, such as
// imap.ResponseCodeOverQuota); IsTemporary tells which failures are worth a
// retry with a new connection.
var (
	// ErrAuth means the server refused the credentials, or refused to
	// take them at all (LOGINDISABLED). It is permanent: polling with the
	// same settings cannot succeed until a person fixes them.
	ErrAuth = errors.New("authentication failed")

	// ErrDisconnected means the connection is gone: the server closed it
	// (BYE, EOF), a network operation hit Options.Timeout, the context of
	// Dial or of the call ended, or Close was called. The Client cannot be
	// used again; it is temporary: Dial again later.
	ErrDisconnected = errors.New("connection lost")

	// ErrNotFound means a UID names no message in the selected mailbox,
	// usually because it was expunged or moved by someone else.
	ErrNotFound = errors.New("message not found")

	// ErrNotSelected means a message operation was called before Select.
	ErrNotSelected = errors.New("no mailbox selected")
)

// IsTemporary reports whether err is a failure that may go away by itself,
// so the same operation is worth retrying later on a new connection: a lost
// connection, a timeout, a refused or reset TCP connection, or a NO response
// with a code saying the server is busy (RFC 5530: UNAVAILABLE, INUSE,
// SERVERBUG), or a BYE greeting. Bad credentials, certificate errors, BAD responses (a bug on
// our side) and other NO responses are permanent. A canceled context is not
// temporary: the caller asked to stop.
func IsTemporary(err error) bool {
	switch {
	case err == nil, errors.Is(err, ErrAuth), errors.Is(err, context.Canceled), isTLSFailure(err):
		return false
	case errors.Is(err, ErrDisconnected), errors.Is(err, context.DeadlineExceeded):
		return true
	}

	var imapErr *imap.Error
	if errors.As(err, &imapErr) {
		if imapErr.Type == imap.StatusResponseTypeBye {
			return true // a greeting of BYE: busy, come back later (RFC 9051 7.1.5)
		}
		if imapErr.Type != imap.StatusResponseTypeNo {
			return false
		}
		switch imapErr.Code {
		case imap.ResponseCodeUnavailable, imap.ResponseCodeInUse, imap.ResponseCodeServerBug:
			return true
		}
		return false
	}

	var netErr net.Error
	return errors.As(err, &netErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE)
}

// isTLSFailure reports whether err is a TLS failure that will not fix
// itself: a certificate that is not trusted, or TLS spoken to a plain port.
func isTLSFailure(err error) bool {
	var (
		verifyErr  *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostErr    x509.HostnameError
		invalidErr x509.CertificateInvalidError
		recordErr  tls.RecordHeaderError
	)
	return errors.As(err, &verifyErr) || errors.As(err, &unknownCA) || errors.As(err, &hostErr) ||
		errors.As(err, &invalidErr) || errors.As(err, &recordErr)
}

// isCode reports whether err is a NO response with the given code.
func isCode(err error, code imap.ResponseCode) bool {
	var imapErr *imap.Error
	return errors.As(err, &imapErr) && imapErr.Type == imap.StatusResponseTypeNo && imapErr.Code == code
}
