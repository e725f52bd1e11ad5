package org.allianceportal.core.log.merkle;

/**
 * The right edge of a growing Merkle tree: one perfect subtree per set bit of its size, O(log n)
 * memory. Enough to append and to take the root at every size, as a stream of leaves goes by.
 */
public final class CompactRange implements Merkle.Subtrees {

    private final Merkle.Node[] edge = new Merkle.Node[64];
    private long size;

    public void add(byte[] leafHash) {
        for (Merkle.Node node : Merkle.append(size, leafHash, this)) {
            edge[node.level()] = node;
        }
        size++;
    }

    public long size() {
        return size;
    }

    public byte[] root() {
        return Merkle.root(size, this);
    }

    @Override
    public byte[] hash(int level, long index) {
        Merkle.Node node = edge[level];
        if (node == null || node.index() != index) {
            throw new IllegalStateException("subtree (" + level + ", " + index + ") is not on the right edge of a tree"
                    + " of size " + size);
        }
        return node.hash();
    }
}
