export const sql = `
-- What a console pushed of its own screen (show-cells: JSON {name, cols, rows, cells}), shown by the wall instead of
-- a saved layout. A push never writes a saved layout (issue 13: pushing overwrote the operator's saved 4x4); this is
-- the wall's own copy, cleared when a saved layout is shown again.
ALTER TABLE walls ADD COLUMN pushed_cells TEXT;
`;
