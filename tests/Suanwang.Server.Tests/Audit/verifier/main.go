// Command verifier checks a Suanwang transparency log with Go's own implementations of signed
// notes and RFC 6962 trees (golang.org/x/mod/sumdb/note and sumdb/tlog), sharing no code with
// the server: the checkpoint's signature against the published key, an inclusion proof for
// every entry (its leaf hash computed here from the bytes, when the caller may read them), and
// with a saved checkpoint, the consistency proof from it to the current one.
//
//	verifier URL [SAVED_CHECKPOINT_FILE]
//
// SUANWANG_KEY, when set, is sent as the bearer key. Exit status 0: everything verified;
// 1: a check failed (the reason on stderr); 2: usage or transport error.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var base string

func get(path string) ([]byte, string, error) {
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		return nil, "", err
	}
	if key := os.Getenv("SUANWANG_KEY"); key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", err
	}
	if resp.StatusCode != 200 {
		return nil, "", fmt.Errorf("GET %s: %s: %s", path, resp.Status, body)
	}
	return body, resp.Header.Get("Content-Type"), nil
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func broken(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(2)
}

// openCheckpoint verifies a signed note with the verifier and reads its size and root hash.
func openCheckpoint(msg []byte, verifier note.Verifier) (int64, tlog.Hash) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != verifier.Name() {
		fail("checkpoint text %q is not origin, size and root", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("checkpoint root: %v", err)
	}
	return size, root
}

func hashes(path string) []tlog.Hash {
	body, _, err := get(path)
	if err != nil {
		broken(err)
	}
	var view struct {
		Hashes []string `json:"hashes"`
	}
	if err := json.Unmarshal(body, &view); err != nil {
		broken(err)
	}
	out := make([]tlog.Hash, len(view.Hashes))
	for i, h := range view.Hashes {
		if out[i], err = tlog.ParseHash(h); err != nil {
			fail("proof hash %q: %v", h, err)
		}
	}
	return out
}

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: verifier URL [SAVED_CHECKPOINT_FILE]")
		os.Exit(2)
	}
	base = strings.TrimSuffix(os.Args[1], "/")
	key, _, err := get("/api/v1/audit/key")
	if err != nil {
		broken(err)
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(string(key)))
	if err != nil {
		fail("published key: %v", err)
	}
	msg, _, err := get("/api/v1/audit/checkpoint")
	if err != nil {
		broken(err)
	}
	size, root := openCheckpoint(msg, verifier)
	failed := false

	for i := int64(0); i < size; i++ {
		body, contentType, err := get(fmt.Sprintf("/api/v1/audit/entries/%d", i))
		if err != nil {
			broken(err)
		}
		var leaf tlog.Hash
		if strings.HasPrefix(contentType, "application/json") {
			var view struct {
				LeafHash string `json:"leaf_hash"`
			}
			if err := json.Unmarshal(body, &view); err != nil {
				broken(err)
			}
			if leaf, err = tlog.ParseHash(view.LeafHash); err != nil {
				fail("entry %d leaf hash: %v", i, err)
			}
		} else {
			leaf = tlog.RecordHash(body)
		}
		proof := hashes(fmt.Sprintf("/api/v1/audit/proof/inclusion?index=%d&size=%d", i, size))
		// Every entry is checked and every one that fails is named: a changed entry also breaks
		// the proofs of its neighbours, whose paths hold its hash.
		if err := tlog.CheckRecord(tlog.RecordProof(proof), size, root, i, leaf); err != nil {
			fmt.Fprintf(os.Stderr, "FAIL: entry %d is not in the tree of %d entries: %v\n", i, size, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}

	if len(os.Args) == 3 {
		saved, err := os.ReadFile(os.Args[2])
		if err != nil {
			broken(err)
		}
		oldSize, oldRoot := openCheckpoint(saved, verifier)
		if oldSize > size {
			fail("the log shrank from %d to %d entries", oldSize, size)
		}
		if oldSize > 0 {
			proof := hashes(fmt.Sprintf("/api/v1/audit/proof/consistency?from=%d&to=%d", oldSize, size))
			if err := tlog.CheckTree(tlog.TreeProof(proof), size, root, oldSize, oldRoot); err != nil {
				fail("the tree of %d entries is not an extension of the saved one of %d: %v", size, oldSize, err)
			}
		}
	}

	fmt.Printf("OK %d entries, root %s\n", size, base64.StdEncoding.EncodeToString(root[:]))
}
