package io.playstream.router.filter;

import io.playstream.schemas.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Filters in Apache Commons JEXL, locked down: the {@link JexlPermissions#RESTRICTED} permissions,
 * and a feature set with no method calls, no {@code new}, no loops, no lambdas, no local variables,
 * no assignments or other side effects, no pragmas or annotations — a single expression over the
 * event's variables, so every evaluation is bounded by the size of the expression. Strict mode: an
 * unknown variable or a null operand is an error, not a silent false.
 *
 * <p>The router uses CEL ({@link CelFilterCompiler}); this compiler exists for the benchmark that
 * chose between the two and for comparisons. Set membership is {@code country =~ ['US','GB']},
 * prefix and suffix tests are {@code =^} and {@code =$}.
 */
public final class JexlFilterCompiler implements FilterCompiler {
  private static final JexlFeatures FEATURES =
      new JexlFeatures()
          .methodCall(false)
          .newInstance(false)
          .loops(false)
          .lambda(false)
          .thinArrow(false)
          .fatArrow(false)
          .localVar(false)
          .sideEffect(false)
          .sideEffectGlobal(false)
          .pragma(false)
          .annotation(false)
          .script(false)
          .register(false)
          .importPragma(false)
          .namespacePragma(false)
          .structuredLiteral(true);

  private final JexlEngine engine =
      new JexlBuilder()
          .permissions(JexlPermissions.RESTRICTED)
          .features(FEATURES)
          .strict(true)
          .safe(false)
          .silent(false)
          .cancellable(false)
          .cache(0)
          .create();

  @Override
  public String language() {
    return "jexl";
  }

  @Override
  public CompiledFilter compile(String expression, Set<EventType> eventTypes)
      throws FilterCompileException {
    if (expression == null || expression.isBlank()) {
      throw new FilterCompileException(
          String.valueOf(expression), List.of(new ExpressionIssue(1, 1, "empty expression")));
    }
    Map<String, ValueKind> declarations = EventFields.declarations(eventTypes);
    JexlScript script;
    try {
      script = engine.createScript(new JexlInfo("filter", 1, 1), expression);
    } catch (JexlException e) {
      JexlInfo info = e.getInfo();
      throw new FilterCompileException(
          expression,
          List.of(
              new ExpressionIssue(
                  info == null ? 1 : info.getLine(),
                  info == null ? 1 : info.getColumn(),
                  e.getMessage())));
    }
    List<ExpressionIssue> issues = new ArrayList<>();
    for (List<String> path : script.getVariables()) {
      String name = String.join(".", path);
      if (!declarations.containsKey(name) && !declarations.containsKey(path.get(0))) {
        int at = expression.indexOf(path.get(0));
        issues.add(
            new ExpressionIssue(1, at < 0 ? 1 : at + 1, "undeclared variable '" + name + "'"));
      }
    }
    if (!issues.isEmpty()) {
      throw new FilterCompileException(expression, issues);
    }
    return new Compiled(expression, script, declarations.keySet());
  }

  private record Compiled(String expression, JexlScript script, Set<String> declared)
      implements CompiledFilter {
    @Override
    public boolean test(EventView event) {
      Object result;
      try {
        result = script.execute(new ViewContext(event, declared));
      } catch (JexlException | ArithmeticException e) {
        throw new FilterEvaluationException(e.getMessage(), e);
      }
      if (result instanceof Boolean b) {
        return b;
      }
      throw new FilterEvaluationException("filter did not evaluate to a boolean: " + result, null);
    }
  }

  /** Read-only context over an event view. */
  private record ViewContext(EventView event, Set<String> declared) implements JexlContext {
    @Override
    public Object get(String name) {
      return event.get(name);
    }

    @Override
    public void set(String name, Object value) {
      throw new UnsupportedOperationException("filters cannot assign variables");
    }

    @Override
    public boolean has(String name) {
      return declared.contains(name);
    }
  }
}
