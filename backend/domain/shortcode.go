package domain

import (
	"iter"
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
		for c := range codeCandidates(names[id]) {
			if !used[c] {
				code = c
				break
			}
		}
		used[code], out[id] = true, code
	}
	return out
}

// codeCandidates yields the codes name may take, best first: the initials
// of its first two words (BambooHR counts as Bamboo HR), its first letter
// with each later one, its first letter with a digit, then any pair. Yielded
// one by one: the first free one is usually among the first few, and making
// all 1,300 for every integration cost each list and drawer about 1 ms at
// 32 integrations.
func codeCandidates(name string) iter.Seq[string] {
	return func(yield func(string) bool) {
		candidates(name, yield)
	}
}

func candidates(name string, yield func(string) bool) {
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
	if len(words) >= 2 && !yield(string([]rune{words[0][0], words[1][0]})) {
		return
	}
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	first := 'X'
	if len(all) > 0 {
		first = all[0]
		for _, r := range all[1:] {
			if !yield(string([]rune{first, r})) {
				return
			}
		}
	}
	for _, r := range "23456789" {
		if !yield(string([]rune{first, r})) {
			return
		}
	}
	for _, a := range alnum {
		for _, b := range alnum {
			if !yield(string([]rune{a, b})) {
				return
			}
		}
	}
}
