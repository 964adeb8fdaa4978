package io.playstream.router.filter;

import com.google.protobuf.NullValue;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.playstream.schemas.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Filters in <a href="https://cel.dev">CEL</a>, the Common Expression Language (Google's {@code
 * dev.cel} implementation): a small, non-Turing-complete language with no side effects, no I/O and
 * no access to Java objects beyond the variables it is given.
 *
 * <p>Compilation parses and type-checks the expression against the route's variables (see {@link
 * EventFields}), so an unknown field or a comparison of a string with a number is rejected with its
 * position. Limits: at most {@value #MAX_EXPRESSION_LENGTH} code points, parse depth {@value
 * #MAX_PARSE_DEPTH}, and at most {@value #MAX_COMPREHENSION_ITERATIONS} iterations per macro such
 * as {@code exists} or {@code all}, so every evaluation ends quickly.
 *
 * <p>Evaluation: an expression built only from variables of a concrete type, literals, {@code &&},
 * {@code ||}, {@code !}, {@code ?:}, comparisons, {@code in} a literal list and the string
 * functions {@code startsWith}, {@code endsWith}, {@code contains} is <em>planned</em> by {@link
 * CelPlanner} into a tree of small Java nodes that evaluates the checked CEL AST without the
 * interpreter's per-call allocation; none of those operations can fail, so the result is the one
 * the CEL interpreter gives (a test checks both on many events). Every other expression runs on
 * CEL's own interpreter.
 */
public final class CelFilterCompiler implements FilterCompiler {
  public static final int MAX_EXPRESSION_LENGTH = 4096;
  public static final int MAX_PARSE_DEPTH = 64;
  public static final int MAX_COMPREHENSION_ITERATIONS = 10_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
          .maxParseRecursionDepth(MAX_PARSE_DEPTH)
          .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
          .build();

  private final boolean planning;
  private final CelCompiler base;
  private final CelRuntime runtime;

  private CelFilterCompiler(boolean planning) {
    this.planning = planning;
    this.base =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setResultType(SimpleType.BOOL)
            .build();
    this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  }

  /** The router's compiler: planned evaluation where possible, CEL's interpreter otherwise. */
  public static CelFilterCompiler create() {
    return new CelFilterCompiler(true);
  }

  /** Always CEL's interpreter (benchmarks and equivalence tests). */
  public static CelFilterCompiler interpreterOnly() {
    return new CelFilterCompiler(false);
  }

  @Override
  public String language() {
    return "cel";
  }

  @Override
  public CompiledFilter compile(String expression, Set<EventType> eventTypes)
      throws FilterCompileException {
    if (expression == null || expression.isBlank()) {
      throw new FilterCompileException(
          String.valueOf(expression), List.of(new ExpressionIssue(1, 1, "empty expression")));
    }
    Map<String, ValueKind> declarations = EventFields.declarations(eventTypes);
    CelCompilerBuilder builder = base.toCompilerBuilder();
    declarations.forEach((name, kind) -> builder.addVar(name, celType(kind)));
    CelAbstractSyntaxTree ast;
    try {
      ast = builder.build().compile(expression).getAst();
    } catch (CelValidationException e) {
      List<ExpressionIssue> issues = new ArrayList<>();
      for (CelIssue issue : e.getErrors()) {
        issues.add(
            new ExpressionIssue(
                Math.max(1, issue.getSourceLocation().getLine()),
                Math.max(0, issue.getSourceLocation().getColumn()) + 1,
                issue.getMessage()));
      }
      if (issues.isEmpty()) {
        issues.add(new ExpressionIssue(1, 1, e.getMessage()));
      }
      throw new FilterCompileException(expression, issues);
    }
    if (planning) {
      Optional<CompiledFilter> planned = CelPlanner.plan(expression, ast, declarations);
      if (planned.isPresent()) {
        return planned.get();
      }
    }
    try {
      return new Interpreted(expression, runtime.createProgram(ast), declarations.keySet());
    } catch (CelEvaluationException e) {
      throw new FilterCompileException(
          expression, List.of(new ExpressionIssue(1, 1, "cannot plan: " + e.getMessage())));
    }
  }

  /** True when the filter runs as a planned node tree rather than on CEL's interpreter. */
  public static boolean isPlanned(CompiledFilter filter) {
    return filter instanceof CelPlanner.Planned;
  }

  static CelType celType(ValueKind kind) {
    return switch (kind) {
      case STRING -> SimpleType.STRING;
      case INT -> SimpleType.INT;
      case DOUBLE -> SimpleType.DOUBLE;
      case BOOL -> SimpleType.BOOL;
      case STRING_LIST -> ListType.create(SimpleType.STRING);
      case MAP_LIST -> ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN));
      case DYN -> SimpleType.DYN;
    };
  }

  /** A filter on CEL's interpreter; variables come from the event view on demand. */
  private record Interpreted(String expression, CelRuntime.Program program, Set<String> declared)
      implements CompiledFilter {
    @Override
    public boolean test(EventView event) {
      Object result;
      try {
        result =
            program.eval(
                name -> {
                  if (!declared.contains(name)) {
                    return Optional.empty();
                  }
                  Object v = event.get(name);
                  return Optional.of(v == null ? NullValue.NULL_VALUE : v);
                });
      } catch (CelEvaluationException | RuntimeException e) {
        throw new FilterEvaluationException(e.getMessage(), e);
      }
      if (result instanceof Boolean b) {
        return b;
      }
      throw new FilterEvaluationException("filter did not evaluate to a bool: " + result, null);
    }
  }
}
