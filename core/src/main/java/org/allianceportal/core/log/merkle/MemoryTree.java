package org.allianceportal.core.log.merkle;

import java.util.ArrayList;
import java.util.List;

/** A Merkle tree held in memory as its perfect subtrees, level by level: for verifiers and audits. */
public final class MemoryTree implements Merkle.Subtrees {

    private final List<List<byte[]>> levels = new ArrayList<>();
    private long size;

    public void add(byte[] leafHash) {
        for (Merkle.Node node : Merkle.append(size, leafHash, this)) {
            if (levels.size() <= node.level()) {
                levels.add(new ArrayList<>());
            }
            // subtrees complete left to right, so each level's list index is the node's index
            levels.get(node.level()).add(node.hash());
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
        if (level >= levels.size() || index >= levels.get(level).size()) {
            throw new IllegalStateException("no complete subtree at level " + level + ", index " + index);
        }
        return levels.get(level).get((int) index);
    }
}
