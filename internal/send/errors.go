package send

import (
	"errors"
	"fmt"

	gomail "github.com/wneessen/go-mail"
)

// Stage is the step of a submission that failed.
type Stage string

// The stages of a submission, in order.
const (
	StageEnvelope Stage = "envelope" // the addresses given to Send
	StageConnect  Stage = "connect"  // connecting, the greeting, EHLO
	StageTLS      Stage = "tls"      // STARTTLS or the TLS handshake
	StageAuth     Stage = "auth"     // SMTP AUTH (RFC 4954)
	StageMail     Stage = "mail"     // MAIL FROM
	StageRcpt     Stage = "rcpt"     // RCPT TO
	StageData     Stage = "data"     // DATA and the message up to the final "."
	StageReply    Stage = "reply"    // waiting for the reply to the final "."
)

// Error is a failed submission. It never holds the password: go-mail's
// AUTH errors carry only the server's reply.
type Error struct {
	Stage Stage
	// Code is the SMTP reply code (RFC 5321 section 4.2), 0 when the
	// server gave none (a broken connection, a timeout, a TLS failure).
	Code int
	// Temporary: nothing was accepted and a later try may work (a 4xx
	// reply, a connection that broke or timed out before the final ".").
	Temporary bool
	// Ambiguous: the connection broke or timed out after the final "."
	// was sent and before the server replied; the message may have been
	// accepted and must not be sent again.
	Ambiguous bool
	Err       error
}

// Error says at which stage the submission failed, how, and why.
func (e *Error) Error() string {
	kind := "permanent"
	switch {
	case e.Ambiguous:
		kind = "ambiguous, may have been delivered"
	case e.Temporary:
		kind = "temporary"
	}
	return fmt.Sprintf("smtp %s (%s): %v", e.Stage, kind, e.Err)
}

// Unwrap returns the underlying error (a *textproto.Error for a reply
// code, a net or TLS error, context.Canceled).
func (e *Error) Unwrap() error { return e.Err }

// IsTemporary reports whether err is a failure after which nothing was
// accepted and a later try may succeed. It also reads go-mail's
// *SendError (its IsTemp).
func IsTemporary(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.Temporary && !e.Ambiguous
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.IsTemp() && !sendErrorAmbiguous(se)
	}
	return false
}

// IsAmbiguous reports whether err means the message may have been
// delivered: the connection broke or timed out after the message data
// was sent. The caller must not send it again (a person checks). It also
// reads go-mail's *SendError: closing the data without a reply code.
func IsAmbiguous(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.Ambiguous
	}
	var se *gomail.SendError
	return errors.As(err, &se) && sendErrorAmbiguous(se)
}

// IsPermanent reports whether err is a failure that retrying will not
// cure (a 5xx reply, refused credentials, TLS that cannot be verified):
// the mail is for a person.
func IsPermanent(err error) bool { return err != nil && !IsTemporary(err) && !IsAmbiguous(err) }

// sendErrorAmbiguous: go-mail failed while closing the data (the final
// ".") and the server gave no reply code.
func sendErrorAmbiguous(se *gomail.SendError) bool {
	return (se.Reason == gomail.ErrSMTPDataClose || se.Reason == gomail.ErrAmbiguous) && se.ErrorCode() == 0
}

// IsFatal reports whether err means no mail can be sent until the
// configuration changes: the server refused our credentials, its
// certificate cannot be verified, or it refuses us at the greeting. Every
// reply would fail the same way, so the caller stops instead of handing
// each one to a person.
func IsFatal(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Temporary || e.Ambiguous {
		return false
	}
	switch e.Stage {
	case StageConnect, StageTLS, StageAuth:
		return true
	}
	return false
}
