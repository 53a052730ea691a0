// The schedule pages: each session under the reader's own day, the filter.
