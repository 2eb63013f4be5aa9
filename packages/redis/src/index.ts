// The Redis store is being built (issue #8); see README.md.
export {};
