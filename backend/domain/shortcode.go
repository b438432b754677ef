package domain

import (
	"strconv"
	"unicode"
)

// ShortCodes gives each integration of a catalogue a two-character code
// (Google Drive "GD", Slack "SL"), different from every other integration's,
// so that badges drawn from the codes never look alike. names maps ids to
// names; codes are handed out in id order, so an integration added later
// never changes the code of one already shown.
func ShortCodes(ids []int64, names map[int64]string) map[int64]string {
	out := make(map[int64]string, len(ids))
	used := make(map[string]bool, len(ids))
	for _, id := range ids {
		code := "#" + strconv.FormatInt(id, 10) // past every candidate; never in practice
		for _, c := range codeCandidates(names[id]) {
			if !used[c] {
				code = c
				break
			}
		}
		used[code], out[id] = true, code
	}
	return out
}

// codeCandidates lists the codes name may take, best first: the initials of
// its first two words (BambooHR counts as Bamboo HR), its first letter with
// each later one, its first letter with a digit, then any pair.
func codeCandidates(name string) []string {
	var words [][]rune
	var prev rune
	for _, r := range name {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			prev = 0
			continue
		case prev == 0, unicode.IsUpper(r) && unicode.IsLower(prev):
			words = append(words, nil)
		}
		words[len(words)-1] = append(words[len(words)-1], unicode.ToUpper(r))
		prev = r
	}
	var all []rune
	for _, w := range words {
		all = append(all, w...)
	}
	var out []string
	if len(words) >= 2 {
		out = append(out, string([]rune{words[0][0], words[1][0]}))
	}
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	first := 'X'
	if len(all) > 0 {
		first = all[0]
		for _, r := range all[1:] {
			out = append(out, string([]rune{first, r}))
		}
	}
	for _, r := range "23456789" {
		out = append(out, string([]rune{first, r}))
	}
	for _, a := range alnum {
		for _, b := range alnum {
			out = append(out, string([]rune{a, b}))
		}
	}
	return out
}
