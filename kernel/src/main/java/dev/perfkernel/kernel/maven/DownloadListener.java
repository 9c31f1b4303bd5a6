package dev.perfkernel.kernel.maven;

import dev.perfkernel.magics.api.CancelToken;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

import java.util.function.Consumer;

/** Reports finished downloads and aborts transfers once the user interrupts the cell. */
final class DownloadListener extends AbstractTransferListener {
    private final Consumer<String> progress;
    private final CancelToken cancel;

    DownloadListener(Consumer<String> progress, CancelToken cancel) {
        this.progress = progress;
        this.cancel = cancel;
    }

    @Override
    public void transferInitiated(TransferEvent event) throws TransferCancelledException {
        checkCancel();
    }

    @Override
    public void transferProgressed(TransferEvent event) throws TransferCancelledException {
        checkCancel();
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        // Lookups of metadata and checksums are noise; report the files that arrive.
        if (event.getRequestType() != TransferEvent.RequestType.GET) {
            return;
        }
        TransferResource r = event.getResource();
        String name = r.getResourceName();
        if (name.endsWith(".sha1") || name.endsWith(".md5") || name.endsWith(".xml")) {
            return;
        }
        long bytes = event.getTransferredBytes();
        String size = bytes >= 1 << 20 ? String.format("%.1f MB", bytes / 1048576.0) : Math.max(1, bytes / 1024) + " kB";
        progress.accept("Downloaded " + name + " (" + size + ") from " + r.getRepositoryId());
    }

    private void checkCancel() throws TransferCancelledException {
        if (cancel.isCancelled()) {
            throw new TransferCancelledException("interrupted");
        }
    }
}
