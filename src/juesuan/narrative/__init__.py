"""第三部分 情况说明: reading its claims (amounts, shares, changes, rates, counts) and writing it."""
