package org.allianceportal.deployment;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Ordered test methods that tell one story: each step builds on the previous ones, so once a step
 * fails the later ones are skipped (not failed for the same reason). A failing step's message gets
 * where the browser was, what it showed and the tails of the portal and Keycloak logs; a screenshot
 * and the page's HTML are saved next to the stack's logs.
 */
public final class Storyline implements ExecutionCondition, TestExecutionExceptionHandler {

    private final AllianceStack stack;
    private final Supplier<Browser> browser;
    private volatile String failedStep;

    public Storyline(AllianceStack stack, Supplier<Browser> browser) {
        this.stack = stack;
        this.browser = browser;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return failedStep == null || context.getTestMethod().isEmpty()
                ? ConditionEvaluationResult.enabled("the story so far holds")
                : ConditionEvaluationResult.disabled("an earlier step failed: " + failedStep);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String step = context.getRequiredTestMethod().getName();
        failedStep = step;
        StringBuilder details = new StringBuilder();
        Browser b = browser.get();
        if (b != null) {
            Path dir = stack.home().resolve("failures");
            try {
                b.saveEvidence(dir, step);
                details.append("\nBrowser at ").append(b.url()).append(" (screenshot and HTML: ")
                        .append(dir.resolve(step)).append(".png/.html)\nPage shows: ").append(b.excerpt());
            } catch (RuntimeException e) {
                details.append("\n(no browser evidence: ").append(e).append(')');
            }
        }
        details.append("\n\n").append(stack.logTails());
        AssertionError withContext = new AssertionError(failure.getMessage() + "\n" + details, failure);
        withContext.setStackTrace(failure.getStackTrace());
        throw withContext;
    }
}
