package org.allianceportal.core.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Randomised checks over trees of up to 10,000 leaves, compared with the literal RFC reference
 * ({@link NaiveMerkle}): every proof verifies, is no longer than the RFC bound, equals the
 * reference, and fails after any single-bit flip or a change of index or size.
 */
class MerklePropertiesTest {

    static final int MAX_SIZE = 10_000;
    static final long SEED = 9162;

    final Random random = new Random(SEED);
    final byte[][] leaves = IntStream.range(0, MAX_SIZE)
            .mapToObj(i -> Merkle.leafHash(ByteBuffer.allocate(8).putLong(i * 7919L).array()))
            .toArray(byte[][]::new);
    final MemoryTree tree = treeOf(leaves);

    @Test
    void roots_match_the_reference_for_random_and_edge_sizes() {
        for (int size : sizes()) {
            assertThat(Merkle.root(size, tree)).as("size " + size).isEqualTo(NaiveMerkle.mth(prefix(size)));
        }
    }

    @Test
    void inclusion_proofs_verify_are_short_match_the_reference_and_break_when_touched() {
        for (int size : sizes()) {
            if (size == 0) {
                continue;
            }
            byte[] root = Merkle.root(size, tree);
            for (int index : List.of(0, size - 1, random.nextInt(size), random.nextInt(size))) {
                List<byte[]> proof = Merkle.inclusionProof(index, size, tree);
                String what = "leaf " + index + " of " + size;
                assertThat(Merkle.verifyInclusion(index, size, leaves[index], proof, root)).as(what).isTrue();
                assertThat(proof.size()).as(what).isLessThanOrEqualTo(ceilLog2(size));
                assertThat(proof).as(what).usingElementComparator(MerklePropertiesTest::compare)
                        .containsExactlyElementsOf(NaiveMerkle.path(index, prefix(size)));
                for (List<byte[]> flipped : singleBitFlips(proof)) {
                    assertThat(Merkle.verifyInclusion(index, size, leaves[index], flipped, root)).as(what).isFalse();
                }
                assertThat(Merkle.verifyInclusion(index, size, flip(leaves[index]), proof, root)).isFalse();
                assertThat(Merkle.verifyInclusion(index, size, leaves[index], proof, flip(root))).isFalse();
                if (size > 1) {
                    int other = (index + 1 + random.nextInt(size - 1)) % size;
                    assertThat(Merkle.verifyInclusion(other, size, leaves[index], proof, root)).as(what + " as " + other)
                            .isFalse();
                }
                // another size: checked against that tree's own root, as a verifier would
                for (int otherSize : List.of(size - 1, size + 1, size * 2)) {
                    if (otherSize > index && otherSize <= MAX_SIZE) {
                        assertThat(Merkle.verifyInclusion(index, otherSize, leaves[index], proof,
                                Merkle.root(otherSize, tree))).as(what + " claimed for size " + otherSize).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void consistency_proofs_verify_are_short_match_the_reference_and_break_when_touched() {
        for (int second : sizes()) {
            if (second == 0) {
                continue;
            }
            byte[] secondRoot = Merkle.root(second, tree);
            for (int first : List.of(1, second, random.nextInt(second) + 1, random.nextInt(second) + 1)) {
                byte[] firstRoot = Merkle.root(first, tree);
                List<byte[]> proof = Merkle.consistencyProof(first, second, tree);
                String what = first + " -> " + second;
                assertThat(Merkle.verifyConsistency(first, second, proof, firstRoot, secondRoot)).as(what).isTrue();
                assertThat(proof.size()).as(what).isLessThanOrEqualTo(2 * ceilLog2(second));
                assertThat(proof).as(what).usingElementComparator(MerklePropertiesTest::compare)
                        .containsExactlyElementsOf(NaiveMerkle.proof(first, prefix(second)));
                for (List<byte[]> flipped : singleBitFlips(proof)) {
                    assertThat(Merkle.verifyConsistency(first, second, flipped, firstRoot, secondRoot)).as(what).isFalse();
                }
                assertThat(Merkle.verifyConsistency(first, second, proof, flip(firstRoot), secondRoot)).isFalse();
                assertThat(Merkle.verifyConsistency(first, second, proof, firstRoot, flip(secondRoot))).isFalse();
                // other sizes: checked against those trees' own roots, as a verifier would
                if (first < second && second < MAX_SIZE) {
                    assertThat(Merkle.verifyConsistency(first, second + 1, proof, firstRoot,
                            Merkle.root(second + 1, tree))).as(what + " claimed to " + (second + 1)).isFalse();
                }
                if (first > 1 && first < second) {
                    assertThat(Merkle.verifyConsistency(first - 1, second, proof, Merkle.root(first - 1, tree),
                            secondRoot)).as(what + " claimed from " + (first - 1)).isFalse();
                }
            }
        }
    }

    static MemoryTree treeOf(byte[][] leaves) {
        MemoryTree tree = new MemoryTree();
        for (byte[] leaf : leaves) {
            tree.add(leaf);
        }
        return tree;
    }

    /** Edge sizes (powers of two and their neighbours, the maximum) and random ones. */
    List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 7, 8, 9, 1023, 1024, 1025, 4096, 8191, MAX_SIZE));
        for (int i = 0; i < 12; i++) {
            sizes.add(1 + random.nextInt(MAX_SIZE));
        }
        return sizes;
    }

    byte[][] prefix(int size) {
        byte[][] out = new byte[size][];
        System.arraycopy(leaves, 0, out, 0, size);
        return out;
    }

    /** Every proof with one bit flipped: one bit per hash, at a random position. */
    List<List<byte[]>> singleBitFlips(List<byte[]> proof) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> copy = new ArrayList<>(proof);
            copy.set(i, flip(proof.get(i)));
            out.add(copy);
        }
        return out;
    }

    byte[] flip(byte[] hash) {
        byte[] copy = hash.clone();
        int bit = random.nextInt(copy.length * 8);
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }
}
