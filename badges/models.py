# Badges arrive with their own issue; the app exists so the layout matches the design card.
