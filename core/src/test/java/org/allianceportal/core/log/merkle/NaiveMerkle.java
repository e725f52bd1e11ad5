package org.allianceportal.core.log.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** RFC 9162 2.1 written as literally as the text reads, over all leaf hashes: the reference to compare with. */
final class NaiveMerkle {

    private NaiveMerkle() {
    }

    static byte[] mth(byte[][] leaves) {
        if (leaves.length == 0) {
            return Merkle.emptyRoot();
        }
        if (leaves.length == 1) {
            return leaves[0];
        }
        int k = largestPowerOfTwoBelow(leaves.length);
        return Merkle.nodeHash(mth(Arrays.copyOfRange(leaves, 0, k)), mth(Arrays.copyOfRange(leaves, k, leaves.length)));
    }

    static List<byte[]> path(int m, byte[][] leaves) {
        List<byte[]> out = new ArrayList<>();
        if (leaves.length <= 1) {
            return out;
        }
        int k = largestPowerOfTwoBelow(leaves.length);
        if (m < k) {
            out.addAll(path(m, Arrays.copyOfRange(leaves, 0, k)));
            out.add(mth(Arrays.copyOfRange(leaves, k, leaves.length)));
        } else {
            out.addAll(path(m - k, Arrays.copyOfRange(leaves, k, leaves.length)));
            out.add(mth(Arrays.copyOfRange(leaves, 0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, byte[][] leaves) {
        return m == 0 || m == leaves.length ? new ArrayList<>() : subproof(m, leaves, true);
    }

    private static List<byte[]> subproof(int m, byte[][] leaves, boolean b) {
        List<byte[]> out = new ArrayList<>();
        int n = leaves.length;
        if (m == n) {
            if (!b) {
                out.add(mth(leaves));
            }
            return out;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            out.addAll(subproof(m, Arrays.copyOfRange(leaves, 0, k), b));
            out.add(mth(Arrays.copyOfRange(leaves, k, n)));
        } else {
            out.addAll(subproof(m - k, Arrays.copyOfRange(leaves, k, n), false));
            out.add(mth(Arrays.copyOfRange(leaves, 0, k)));
        }
        return out;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k << 1 < n) {
            k <<= 1;
        }
        return k;
    }
}
