package io.playstream.router.filter;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import io.playstream.schemas.EventType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a type-checked CEL AST into a tree of small Java nodes, for the subset of CEL where that
 * gives exactly the interpreter's result: literals of type bool, int, double and string; variables
 * of a concrete, non-null type; {@code &&}, {@code ||}, {@code !}, {@code ?:} over bools; {@code
 * ==} and {@code !=} between operands of one type; {@code < <= > >=} between ints or between
 * doubles; {@code x in [literals]} for string and int {@code x}; and {@code startsWith}, {@code
 * endsWith}, {@code contains} on strings. None of these can raise an error in CEL, so CEL's
 * error-absorbing {@code &&}/{@code ||} reduce to Java's short-circuit operators.
 *
 * <p>Anything else (macros, arithmetic, maps, lists of non-literals, nullable or mixed-type
 * variables, regular expressions, conversions) makes {@link #plan} return empty, and the caller
 * uses CEL's interpreter for the whole expression.
 */
final class CelPlanner {
  private CelPlanner() {}

  interface BoolNode {
    boolean test(EventView e);
  }

  interface StrNode {
    String get(EventView e);
  }

  interface LongNode {
    long get(EventView e);
  }

  interface DblNode {
    double get(EventView e);
  }

  /** A planned filter. */
  record Planned(String expression, BoolNode root) implements CompiledFilter {
    @Override
    public boolean test(EventView event) {
      try {
        return root.test(event);
      } catch (RuntimeException e) {
        // only reachable for an event of a type the filter was not compiled for
        throw new FilterEvaluationException(
            "cannot evaluate on " + event.type().simpleName() + ": " + e, e);
      }
    }
  }

  /** Plans the expression, or returns empty when it uses anything outside the planned subset. */
  static Optional<CompiledFilter> plan(
      String expression, CelAbstractSyntaxTree ast, Map<String, ValueKind> declarations) {
    Object node = new CelPlanner.Builder(ast, declarations).node(ast.getExpr());
    return node instanceof BoolNode b ? Optional.of(new Planned(expression, b)) : Optional.empty();
  }

  private static final class Builder {
    private final CelAbstractSyntaxTree ast;
    private final Map<String, ValueKind> declarations;

    Builder(CelAbstractSyntaxTree ast, Map<String, ValueKind> declarations) {
      this.ast = ast;
      this.declarations = declarations;
    }

    /** A node (BoolNode, StrNode, LongNode or DblNode), or null when not plannable. */
    Object node(CelExpr e) {
      return switch (e.getKind()) {
        case CONSTANT -> constant(e.constant());
        case IDENT, SELECT -> variable(e);
        case CALL -> call(e);
        default -> null;
      };
    }

    private Object constant(CelConstant c) {
      return switch (c.getKind()) {
        case BOOLEAN_VALUE -> {
          boolean v = c.booleanValue();
          yield (BoolNode) x -> v;
        }
        case INT64_VALUE -> {
          long v = c.int64Value();
          yield (LongNode) x -> v;
        }
        case DOUBLE_VALUE -> {
          double v = c.doubleValue();
          yield (DblNode) x -> v;
        }
        case STRING_VALUE -> {
          String v = c.stringValue();
          yield (StrNode) x -> v;
        }
        default -> null;
      };
    }

    private Object variable(CelExpr e) {
      if (e.getKind() == CelExpr.ExprKind.Kind.SELECT && e.select().testOnly()) {
        return null;
      }
      Optional<CelReference> ref = ast.getReference(e.id());
      if (ref.isEmpty() || ref.get().name().isEmpty() || ref.get().value().isPresent()) {
        return null;
      }
      String name = ref.get().name();
      ValueKind kind = declarations.get(name);
      if (kind == null) {
        return null;
      }
      if (name.equals(EventFields.EVENT_TYPE)) {
        return (StrNode) x -> x.type().simpleName();
      }
      EventField[] byType = new EventField[EventType.values().length];
      for (EventType t : EventType.values()) {
        byType[t.ordinal()] = EventFields.field(t, name);
      }
      return switch (kind) {
        case STRING ->
            (StrNode)
                x -> {
                  Object v = byType[x.type().ordinal()].raw(x.record());
                  return v instanceof String s ? s : (String) EventField.convert(v);
                };
        case INT ->
            (LongNode)
                x -> {
                  Object v = byType[x.type().ordinal()].raw(x.record());
                  return v instanceof Number n ? n.longValue() : (Long) EventField.convert(v);
                };
        case DOUBLE ->
            (DblNode) x -> ((Number) byType[x.type().ordinal()].raw(x.record())).doubleValue();
        case BOOL -> (BoolNode) x -> (Boolean) byType[x.type().ordinal()].raw(x.record());
        default -> null;
      };
    }

    private Object call(CelExpr e) {
      CelExpr.CelCall call = e.call();
      List<CelExpr> args = call.args();
      if (call.target().isPresent()) {
        return method(call.function(), call.target().get(), args);
      }
      switch (call.function()) {
        case "_&&_" -> {
          BoolNode a = bool(args.get(0));
          BoolNode b = bool(args.get(1));
          return a == null || b == null ? null : (BoolNode) x -> a.test(x) && b.test(x);
        }
        case "_||_" -> {
          BoolNode a = bool(args.get(0));
          BoolNode b = bool(args.get(1));
          return a == null || b == null ? null : (BoolNode) x -> a.test(x) || b.test(x);
        }
        case "!_" -> {
          BoolNode a = bool(args.get(0));
          return a == null ? null : (BoolNode) x -> !a.test(x);
        }
        case "_?_:_" -> {
          BoolNode c = bool(args.get(0));
          BoolNode a = bool(args.get(1));
          BoolNode b = bool(args.get(2));
          return c == null || a == null || b == null
              ? null
              : (BoolNode) x -> c.test(x) ? a.test(x) : b.test(x);
        }
        case "_==_" -> {
          return equality(args.get(0), args.get(1), false);
        }
        case "_!=_" -> {
          return equality(args.get(0), args.get(1), true);
        }
        case "_<_", "_<=_", "_>_", "_>=_" -> {
          return comparison(call.function(), args.get(0), args.get(1));
        }
        case "@in" -> {
          return in(args.get(0), args.get(1));
        }
        default -> {
          return null;
        }
      }
    }

    private BoolNode bool(CelExpr e) {
      return node(e) instanceof BoolNode b ? b : null;
    }

    private boolean sameConcreteType(CelExpr a, CelExpr b) {
      Optional<CelType> ta = ast.getType(a.id());
      Optional<CelType> tb = ast.getType(b.id());
      return ta.isPresent() && tb.isPresent() && ta.get().equals(tb.get());
    }

    private Object equality(CelExpr left, CelExpr right, boolean negate) {
      if (!sameConcreteType(left, right)) {
        return null;
      }
      Object a = node(left);
      Object b = node(right);
      BoolNode eq;
      if (a instanceof StrNode sa && b instanceof StrNode sb) {
        eq = x -> sa.get(x).equals(sb.get(x));
      } else if (a instanceof LongNode la && b instanceof LongNode lb) {
        eq = x -> la.get(x) == lb.get(x);
      } else if (a instanceof DblNode da && b instanceof DblNode db) {
        eq = x -> da.get(x) == db.get(x);
      } else if (a instanceof BoolNode ba && b instanceof BoolNode bb) {
        eq = x -> ba.test(x) == bb.test(x);
      } else {
        return null;
      }
      return negate ? (BoolNode) x -> !eq.test(x) : eq;
    }

    private Object comparison(String op, CelExpr left, CelExpr right) {
      if (!sameConcreteType(left, right)) {
        return null;
      }
      Object a = node(left);
      Object b = node(right);
      if (a instanceof LongNode la && b instanceof LongNode lb) {
        return switch (op) {
          case "_<_" -> (BoolNode) x -> la.get(x) < lb.get(x);
          case "_<=_" -> (BoolNode) x -> la.get(x) <= lb.get(x);
          case "_>_" -> (BoolNode) x -> la.get(x) > lb.get(x);
          default -> (BoolNode) x -> la.get(x) >= lb.get(x);
        };
      }
      if (a instanceof DblNode da && b instanceof DblNode db) {
        return switch (op) {
          case "_<_" -> (BoolNode) x -> da.get(x) < db.get(x);
          case "_<=_" -> (BoolNode) x -> da.get(x) <= db.get(x);
          case "_>_" -> (BoolNode) x -> da.get(x) > db.get(x);
          default -> (BoolNode) x -> da.get(x) >= db.get(x);
        };
      }
      return null;
    }

    private Object in(CelExpr element, CelExpr list) {
      if (list.getKind() != CelExpr.ExprKind.Kind.LIST
          || !list.list().optionalIndices().isEmpty()) {
        return null;
      }
      Optional<CelType> elementType = ast.getType(element.id());
      if (elementType.isEmpty()) {
        return null;
      }
      Object needle = node(element);
      List<CelExpr> items = list.list().elements();
      if (needle instanceof StrNode s && elementType.get().equals(SimpleType.STRING)) {
        Set<String> values = new HashSet<>();
        for (CelExpr item : items) {
          if (item.getKind() != CelExpr.ExprKind.Kind.CONSTANT
              || item.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            return null;
          }
          values.add(item.constant().stringValue());
        }
        Set<String> frozen = Set.copyOf(values);
        return (BoolNode) x -> frozen.contains(s.get(x));
      }
      if (needle instanceof LongNode l && elementType.get().equals(SimpleType.INT)) {
        long[] values = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
          CelExpr item = items.get(i);
          if (item.getKind() != CelExpr.ExprKind.Kind.CONSTANT
              || item.constant().getKind() != CelConstant.Kind.INT64_VALUE) {
            return null;
          }
          values[i] = item.constant().int64Value();
        }
        Arrays.sort(values);
        return (BoolNode) x -> Arrays.binarySearch(values, l.get(x)) >= 0;
      }
      return null;
    }

    private Object method(String function, CelExpr target, List<CelExpr> args) {
      if (args.size() != 1) {
        return null;
      }
      Object t = node(target);
      Object a = node(args.get(0));
      if (!(t instanceof StrNode s) || !(a instanceof StrNode arg)) {
        return null;
      }
      return switch (function) {
        case "startsWith" -> (BoolNode) x -> s.get(x).startsWith(arg.get(x));
        case "endsWith" -> (BoolNode) x -> s.get(x).endsWith(arg.get(x));
        case "contains" -> (BoolNode) x -> s.get(x).contains(arg.get(x));
        default -> null;
      };
    }
  }
}
