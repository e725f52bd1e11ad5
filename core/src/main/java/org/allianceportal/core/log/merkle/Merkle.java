package org.allianceportal.core.log.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing, inclusion and consistency proofs exactly as RFC 9162 section 2.1 (SHA-256,
 * leaf = H(0x00 || leaf), node = H(0x01 || left || right)). JDK only, so the offline verifier that
 * partners run can ship it without the rest of the portal.
 *
 * <p>Proofs are built from the hashes of perfect subtrees, which the caller supplies through
 * {@link Subtrees}: the database stores exactly those, so nothing has to load the whole log.
 */
public final class Merkle {

    public static final int HASH_SIZE = 32;

    /** The hash of the perfect subtree at {@code level} (0 = leaves) and {@code index}: leaves [index·2^level, (index+1)·2^level). */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(int level, long index);
    }

    private Merkle() {
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest d = sha256();
        d.update((byte) 0x00);
        return d.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 0x01);
        d.update(left);
        return d.digest(right);
    }

    /** A perfect subtree's hash, as stored. */
    public record Node(int level, long index, byte[] hash) {
    }

    /**
     * Appending leaf number {@code index} completes the leaf itself and every perfect subtree it
     * closes (one per trailing one-bit of {@code index}): at most log2(n)+1 nodes, each from its left
     * sibling, which {@code existing} supplies. The caller stores what this returns.
     */
    public static List<Node> append(long index, byte[] leafHash, Subtrees existing) {
        List<Node> completed = new ArrayList<>();
        completed.add(new Node(0, index, leafHash));
        byte[] current = leafHash;
        int level = 0;
        long i = index;
        while ((i & 1) == 1) {
            current = nodeHash(existing.hash(level, i - 1), current);
            level++;
            i >>= 1;
            completed.add(new Node(level, i, current));
        }
        return completed;
    }

    /** MTH(D[0:size]). */
    public static byte[] root(long size, Subtrees subtrees) {
        return size == 0 ? emptyRoot() : range(0, size, subtrees);
    }

    /** PATH(index, D[0:size]): the audit path of leaf {@code index} in the tree of {@code size} leaves. */
    public static List<byte[]> inclusionProof(long index, long size, Subtrees subtrees) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, subtrees, proof);
        return proof;
    }

    /** PROOF(first, D[0:second]): that the tree of {@code first} leaves is a prefix of the one of {@code second}. */
    public static List<byte[]> consistencyProof(long first, long second, Subtrees subtrees) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(first, 0, second, true, subtrees, proof);
        }
        return proof;
    }

    /** RFC 9162 2.1.3.2. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || !isHash(leafHash) || !isHash(root)) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0 || p == null || p.length != HASH_SIZE) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * RFC 9162 2.1.4.2. Like the reference verifier, it refuses a first tree of size 0 (nothing to be
     * consistent with: callers skip the check then) and accepts equal sizes only with equal roots.
     */
    public static boolean verifyConsistency(long first, long second, List<byte[]> proof, byte[] firstRoot,
            byte[] secondRoot) {
        if (first <= 0 || second < first) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (!isHash(firstRoot) || !isHash(secondRoot) || proof.isEmpty()) {
            return false;
        }
        for (byte[] p : proof) {
            if (p == null || p.length != HASH_SIZE) {
                return false;
            }
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    private static boolean isHash(byte[] value) {
        return value != null && value.length == HASH_SIZE;
    }

    /** The largest power of two strictly below {@code n} (n >= 2): where RFC 9162 splits a tree. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** MTH(D[start:end]) from perfect subtrees: aligned power-of-two ranges are stored, the rest is split. */
    private static byte[] range(long start, long end, Subtrees subtrees) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return subtrees.hash(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = split(n);
        return nodeHash(range(start, start + k, subtrees), range(start + k, end, subtrees));
    }

    private static void path(long m, long start, long end, Subtrees subtrees, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(m, start, start + k, subtrees, out);
            out.add(range(start + k, end, subtrees));
        } else {
            path(m - k, start + k, end, subtrees, out);
            out.add(range(start, start + k, subtrees));
        }
    }

    private static void subproof(long m, long start, long end, boolean complete, Subtrees subtrees, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(range(start, end, subtrees));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, subtrees, out);
            out.add(range(start + k, end, subtrees));
        } else {
            subproof(m - k, start + k, end, false, subtrees, out);
            out.add(range(start, start + k, subtrees));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
