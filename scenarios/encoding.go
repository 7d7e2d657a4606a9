package scenarios

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names how a file was stored.
type Encoding string

// The encodings the loader recognises.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 with BOM"
	UTF16   Encoding = "UTF-16 with BOM"
	GB18030 Encoding = "GB18030/GBK"
)

// toUTF8 decodes a file's bytes: a UTF-8 BOM is dropped, a UTF-16 BOM
// selects UTF-16, valid UTF-8 is kept, and anything else is read as GB18030,
// the superset of GBK that Excel and WPS use on Chinese Windows.
func toUTF8(b []byte) ([]byte, Encoding, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], UTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, UTF16, fmt.Errorf("not valid UTF-16: %w", err)
		}
		return out, UTF16, nil
	case utf8.Valid(b):
		return b, UTF8, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return nil, GB18030, fmt.Errorf("neither UTF-8 nor GB18030/GBK: %w", err)
	}
	return out, GB18030, nil
}
