package io.playstream.router.filter;

/**
 * One problem in an expression, as the language's compiler reported it.
 *
 * @param line 1-based line in the expression
 * @param column 1-based column (code points) in that line
 * @param message the compiler's reason
 */
public record ExpressionIssue(int line, int column, String message) {
  @Override
  public String toString() {
    return "line " + line + ", column " + column + ": " + message;
  }
}
