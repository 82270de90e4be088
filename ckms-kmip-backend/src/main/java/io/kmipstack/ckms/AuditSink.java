package io.kmipstack.ckms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one {@link AuditEvent} per wrap and unwrap. The default writes each as one line to the
 * SLF4J logger {@value #LOGGER}: INFO for successes, WARN for failures (an integrity failure may
 * be tampering), so a deployment routes the audit trail with its logging configuration.
 */
@FunctionalInterface
interface AuditSink {

    String LOGGER = "io.kmipstack.ckms.audit";

    void record(AuditEvent event);

    static AuditSink slf4j() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return e -> {
            if (AuditEvent.OK.equals(e.result())) {
                log.info("{}", e.line());
            } else {
                log.warn("{}", e.line());
            }
        };
    }
}
