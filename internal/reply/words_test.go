package reply

import (
	"slices"
	"testing"

	"helpdesk/internal/classify"
	"helpdesk/internal/policy"
)

// TestWordsInStep keeps this package's copies of PRODUCT.md's words in step
// with the classifier's categories and the policy's outcomes.
func TestWordsInStep(t *testing.T) {
	var cats, outs []string
	for _, c := range classify.Categories {
		cats = append(cats, string(c))
	}
	for _, o := range policy.Outcomes {
		outs = append(outs, string(o))
	}
	if !slices.Equal(categories, cats) {
		t.Errorf("got categories %v; classify has %v", categories, cats)
	}
	if !slices.Equal(outcomes, outs) {
		t.Errorf("got outcomes %v; policy has %v", outcomes, outs)
	}
}
