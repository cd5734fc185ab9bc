"""Teachers' tools: the starter bank, the JSON Schema, GIFT and Aiken import, GIFT export."""
