package reply

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"time"
)

// Outlook groups a conversation by Thread-Topic and orders it by
// Thread-Index, the base64 of PidTagConversationIndex ([MS-OXOMSG] section
// 2.2.1.3; ScCreateConversationIndex in MAPI):
//
//	header block, 22 bytes: the time the conversation started as the 48
//	  most significant bits of a FILETIME (100 ns units since 1601-01-01
//	  UTC), big-endian, then a 16-byte GUID naming the conversation. The
//	  first byte is the "reserved 0x01" of the specification: the top byte
//	  of every FILETIME between the years 1829 and 2057.
//	one child block per reply, 5 bytes: 1 bit DC, 31 bits time delta since
//	  the header's time (DC=0: the delta's bits 18..48, DC=1: bits 23..53),
//	  then 4 random bits and a 4-bit sequence count.
//
// A reply to a mail that has a well-formed Thread-Index appends a child
// block to it; otherwise it starts a new header block. Outlook's own
// values read this way (MsgKit's decoder reads them so too).
const (
	threadHeaderLen = 22
	threadChildLen  = 5
	// maxThreadChildren bounds how long an index we extend; a longer one
	// (real conversations never get there) starts afresh.
	maxThreadChildren = 100
	// filetimeUnixEpoch is 1970-01-01 in FILETIME units.
	filetimeUnixEpoch = 116444736000000000
)

// ThreadIndex returns the Thread-Index of a reply written at now to a mail
// whose Thread-Index was parent ("" when it had none). seed makes the
// GUID and the random bits; the reply's own Message-ID is a good seed, and
// it makes the result reproducible.
func ThreadIndex(parent string, now time.Time, seed string) string {
	sum := sha256.Sum256([]byte(seed))
	ft := filetime(now)
	if p, ok := parseThreadIndex(parent); ok {
		head := binary.BigEndian.Uint64(append([]byte{0, 0}, p[:6]...)) << 16
		var delta uint64
		if ft > head {
			delta = ft - head
		}
		var block uint32
		if delta < 1<<49 {
			block = uint32(delta >> 18) // DC=0
		} else {
			d := delta >> 23
			if d > 1<<31-1 {
				d = 1<<31 - 1
			}
			block = 1<<31 | uint32(d)
		}
		child := binary.BigEndian.AppendUint32(nil, block)
		child = append(child, sum[0])
		return base64.StdEncoding.EncodeToString(append(p, child...))
	}
	b := make([]byte, 0, threadHeaderLen)
	var t [8]byte
	binary.BigEndian.PutUint64(t[:], ft)
	b = append(b, t[:6]...)
	guid := sum[:16]
	guid[6] = guid[6]&0x0f | 0x40 // a version 4 GUID (RFC 9562 section 5.4)
	guid[8] = guid[8]&0x3f | 0x80
	b = append(b, guid...)
	return base64.StdEncoding.EncodeToString(b)
}

// parseThreadIndex decodes a Thread-Index and says whether it has the
// shape of one: a header block and whole child blocks.
func parseThreadIndex(s string) ([]byte, bool) {
	s = strings.Join(strings.Fields(s), "")
	if s == "" {
		return nil, false
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil {
			return nil, false
		}
	}
	if len(b) < threadHeaderLen || (len(b)-threadHeaderLen)%threadChildLen != 0 ||
		(len(b)-threadHeaderLen)/threadChildLen >= maxThreadChildren {
		return nil, false
	}
	return b, true
}

// filetime is t as a Windows FILETIME: 100 ns units since 1601-01-01 UTC.
func filetime(t time.Time) uint64 {
	ft := t.UnixNano()/100 + filetimeUnixEpoch
	if ft < 0 {
		return 0
	}
	return uint64(ft)
}
