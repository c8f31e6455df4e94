#!/usr/bin/env python3
"""Writes a legacy Planify (Flask/SQLite) database of any size, for the import benchmark
(bench/legacy-import.sh) and the import's kill -9 test (issue 23).

The tables come from the legacy schema (server/tests/legacy/schema.sql); the rows look like the
legacy app's: REAL euros never rounded, naive UTC timestamps with microseconds, Paris dates and
times, overnight missions stored on one date, statuses with and without accents, clients that
are the same person twice, test rows (AUDIT-*), a DJ without an account, equipment lines
pointing at booking requests, the sync journal. Deterministic for a given --seed.

    bench/legacy-db.py --missions 50000 --quotes 10000 --invoices 10000 \\
        --equipment-lines 150000 --out /tmp/legacy-50k.db
"""

import argparse
import json
import os
import random
import sqlite3
import sys
from datetime import date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "server", "tests", "legacy", "schema.sql")
# werkzeug pbkdf2:sha256 of "test12345", as the legacy app wrote it (sample-legacy.db).
HASH = ("pbkdf2:sha256:260000$ug97hEtZ6pWcNyHu$"
        "6793da206b04ff5635323be312ce85591994101f83ea8545fcb23eadbe4c8b5f")
MISSION_STATUSES = ["planifiee", "confirmee", "Confirmée", "en_cours", "terminee", "annulee"]
EQUIPMENT_STATUSES = ["disponible"] * 12 + ["maintenance", "hors_service", "reserve"]
CATEGORIES = ["Sonorisation", "Éclairage", "Eclairage", "Effets", "Console", "Accessoires"]


def stamp(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missions", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--invoices", type=int, default=200)
    parser.add_argument("--equipment-lines", type=int, default=3000)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--schema", default=SCHEMA)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    rnd = random.Random(args.seed)
    if os.path.exists(args.out):
        os.remove(args.out)
    db = sqlite3.connect(args.out)
    with open(args.schema, encoding="utf-8") as schema:
        db.executescript(schema.read())
    start = datetime(2019, 1, 7, 9, 30, 0, 123456)
    cur = db.cursor()

    cur.execute("INSERT INTO parametres_entreprise (id, nom_entreprise, date_creation) "
                "VALUES (1, 'Sono Bench', ?)", (stamp(start),))
    users = [(1, "admin", "admin@bench.test", "admin", "Admin", "Alice")]
    for i in range(2, 13):
        role = ["manager", "dj", "technicien"][i % 3]
        users.append((i, f"user{i}", f"User{i}@Bench.test", role, f"Nom{i}", f"Prénom{i}"))
    for uid, login, email, role, nom, prenom in users:
        cur.execute("INSERT INTO users (id, username, email, password_hash, role, nom, prenom, "
                    "actif, date_creation) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
                    (uid, login, email, HASH, role, nom, prenom, stamp(start)))
    dj_users = [u[0] for u in users if u[3] == "dj"]
    tech_users = [u[0] for u in users if u[3] == "technicien"]
    for n, uid in enumerate(dj_users, start=1):
        cur.execute("INSERT INTO djs (id, nom, contact, user_id) VALUES (?, ?, ?, ?)",
                    (n, f"DJ {n}", f"user{uid}@bench.test", uid))
    cur.execute("INSERT INTO djs (id, nom, contact, user_id) VALUES (?, 'DJ Freelance', "
                "'06 11 22 33 44', NULL)", (len(dj_users) + 1,))
    dj_ids = list(range(1, len(dj_users) + 1))
    for n, (name, address) in enumerate([("Entrepôt Paris", "15 rue de Rivoli, 75001 Paris"),
                                         ("Entrepot Lyon", "10 Place Bellecour, 69002 Lyon"),
                                         ("Stock Marseille", "8 avenue du Prado, 13008 Marseille"),
                                         ("AUDIT Local", "10 Audit Road")], start=1):
        cur.execute("INSERT INTO locals (id, nom, adresse) VALUES (?, ?, ?)", (n, name, address))

    clients = max(10, args.missions // 5)
    contact = 0
    for c in range(1, clients + 1):
        created = stamp(start + timedelta(hours=c))
        cur.execute("INSERT INTO clients (id, nom, categories, notes, created_at, updated_at) "
                    "VALUES (?, ?, ?, NULL, ?, ?)",
                    (c, f"Client {c}", "VIP, Corporate" if c % 7 == 0 else None, created,
                     created))
        # Every 50th client is the previous one again (same e-mail): the legacy heuristics.
        email = f"client{c - 1 if c % 50 == 0 else c}@bench.test"
        contact += 1
        cur.execute("INSERT INTO client_contacts (id, client_id, nom, email, telephone, role, "
                    "created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)",
                    (contact, c, f"Contact {c}", email, f"06{c:08d}"[-10:], created))

    for i in range(1, args.items + 1):
        cur.execute("INSERT INTO materiels (id, nom, code_barre, numero_serie, local_id, "
                    "quantite, categorie, statut, prix_location) VALUES (?, ?, ?, ?, ?, ?, ?, "
                    "?, ?)",
                    (i, f"Matériel {i}", f"CB-{i:06d}", f"SN-{i:06d}", 1 + i % 3,
                     1000 + i % 50, rnd.choice(CATEGORIES), rnd.choice(EQUIPMENT_STATUSES),
                     round(rnd.uniform(2, 80), 2) + 0.0000000000001 * (i % 3)))

    first_day = date(2019, 1, 1)
    missions = []
    for m in range(1, args.missions + 1):
        day = first_day + timedelta(days=(m * 3) % 3200)
        begin = 8 + m % 14
        overnight = m % 9 == 0
        end = (begin + 6) % 24 if overnight else min(begin + 4, 23)
        client = 1 + m % clients
        missions.append(m)
        cur.execute("INSERT INTO prestations (id, date_debut, date_fin, heure_debut, heure_fin, "
                    "client, client_telephone, client_email, client_id, lieu, dj_id, "
                    "technicien_id, createur_id, notes, custom_fields, statut, date_creation, "
                    "date_modification) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 1, ?, "
                    "NULL, ?, ?, ?)",
                    (m, day.isoformat(), day.isoformat(), f"{begin:02d}:00:00.000000",
                     f"{end:02d}:30:00.000000", f"Client {client}", f"client{client}@bench.test",
                     client, f"{m % 90 + 1} rue de la Fête, 750{m % 20 + 1:02d} Paris",
                     rnd.choice(dj_ids), rnd.choice(tech_users) if m % 2 else None,
                     "Mission de test de charge", rnd.choice(MISSION_STATUSES),
                     stamp(start + timedelta(minutes=m)), stamp(start + timedelta(minutes=m))))

    per_mission = max(1, args.equipment_lines // max(1, args.missions))
    line = 0
    for m in missions:
        items = rnd.sample(range(1, args.items + 1), min(per_mission, args.items))
        for item in items:
            line += 1
            if line > args.equipment_lines:
                break
            cur.execute("INSERT INTO materiel_presta (id, materiel_id, prestation_id, "
                        "reservation_id, quantite) VALUES (?, ?, ?, NULL, ?)",
                        (line, item, m, 1 + line % 4))
    while line < args.equipment_lines:
        line += 1
        cur.execute("INSERT INTO materiel_presta (id, materiel_id, prestation_id, "
                    "reservation_id, quantite) VALUES (?, ?, ?, NULL, 1)",
                    (line, 1 + line % args.items, 1 + line % args.missions))

    movement = 0
    for m in missions[:: 4]:
        movement += 1
        cur.execute("INSERT INTO mouvements_materiel (id, materiel_id, prestation_id, "
                    "type_mouvement, quantite, local_depart_id, date_mouvement, utilisateur_id, "
                    "notes) VALUES (?, ?, ?, 'sortie', 1, 1, ?, 1, 'Sortie QR code')",
                    (movement, 1 + m % args.items, m, stamp(start + timedelta(days=m % 3000))))

    # Documents priced the legacy way (legacy-app.md b.2): rate × hours + travel + equipment −
    # discount, VAT and totals left unrounded as the legacy app stored them.
    def priced():
        hours = rnd.choice([3.0, 4.0, 5.0, 6.0, 7.5])
        travel = rnd.choice([0.0, 20.0, 35.5])
        gear = round(rnd.uniform(0, 400), 2)
        pct = rnd.choice([0.0, 0.0, 0.0, 10.0])
        gross_ht = 100.0 * hours + travel + gear
        ht = max(0.0, gross_ht - gross_ht * pct / 100)
        return hours, travel, gear, pct, ht, ht * 0.2, ht * 1.2

    for q in range(1, args.quotes + 1):
        m = 1 + (q * 7) % args.missions
        hours, travel, gear, pct, ht, tva, ttc = priced()
        number = f"AUDIT-DEV-{q:04d}" if q % 97 == 0 else f"DEV-{2019 + q % 8}-{q:04d}"
        cur.execute("INSERT INTO devis (id, numero, client_nom, client_email, client_id, "
                    "prestation_titre, date_prestation, heure_debut, heure_fin, lieu, "
                    "tarif_horaire, duree_heures, frais_transport, frais_materiel, "
                    "remise_pourcentage, montant_ht, taux_tva, montant_tva, montant_ttc, "
                    "statut, date_creation, dj_id, createur_id, prestation_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, '2024-06-01', '20:00:00.000000', "
                    "'02:00:00.000000', 'Salle', 100.0, ?, ?, ?, ?, ?, 20.0, ?, ?, ?, ?, 1, 1, ?)",
                    (q, number, f"Client {q}", f"client{q}@bench.test", 1 + q % clients,
                     f"Soirée {q}", hours, travel, gear, pct, ht, tva, ttc,
                     rnd.choice(["brouillon", "envoye", "accepte", "refuse"]),
                     stamp(start + timedelta(hours=q)), m))
    payment = 0
    credit = 0
    for f in range(1, args.invoices + 1):
        hours, travel, gear, pct, ht, tva, ttc = priced()
        status = rnd.choice(["envoyee", "payee", "partiellement_payee", "en_retard"])
        paid = ttc if status == "payee" else round(ttc / 2, 2) if status == "partiellement_payee" else 0.0
        number = f"FAC-{2019 + f % 8}-{f:04d}"
        created = start + timedelta(hours=f)
        cur.execute("INSERT INTO factures (id, numero, client_nom, client_id, "
                    "prestation_titre, date_prestation, heure_debut, heure_fin, lieu, "
                    "tarif_horaire, duree_heures, frais_transport, frais_materiel, "
                    "remise_pourcentage, montant_ht, taux_tva, montant_tva, montant_ttc, "
                    "montant_paye, statut, date_echeance, date_creation, createur_id, devis_id) "
                    "VALUES (?, ?, ?, ?, ?, '2024-06-01', '20:00:00.000000', "
                    "'02:00:00.000000', 'Salle', 100.0, ?, ?, ?, ?, ?, 20.0, ?, ?, ?, ?, "
                    "'2024-06-02', ?, 1, ?)",
                    (f, number, f"Client {f}", 1 + f % clients, f"Soirée {f}", hours, travel,
                     gear, pct, ht, tva, ttc, paid, status, stamp(created),
                     f if f <= args.quotes else None))
        if paid > 0 and f % 3 != 0:  # one paid invoice in three has no payment row (seeds, q12)
            payment += 1
            cur.execute("INSERT INTO paiements (id, numero, montant, type_paiement, "
                        "mode_paiement, statut, date_creation, date_paiement, facture_id, "
                        "createur_id, payment_metadata) VALUES (?, ?, ?, 'facture', "
                        "'virement', 'reussi', ?, ?, ?, 1, ?)",
                        (payment, f"PAY-{2019 + f % 8}-{payment:04d}", paid, stamp(created),
                         stamp(created + timedelta(days=3)), f,
                         json.dumps({"reference": f"VIR-{f}", "saisi_par": 1})))
        if f % 20 == 0:
            credit += 1
            amount = round(ttc / 4, 2)
            cur.execute("INSERT INTO avoirs (id, numero, facture_id, createur_id, date_creation, "
                        "montant_ht, taux_tva, montant_tva, montant_ttc, motif, statut) "
                        "VALUES (?, ?, ?, 1, ?, ?, 20.0, ?, ?, 'Geste commercial', 'emis')",
                        (credit, f"AV-{2019 + f % 8}-{credit:04d}", f,
                         stamp(created + timedelta(days=5)), round(amount / 1.2, 2),
                         round(amount - round(amount / 1.2, 2), 2), amount))
    for s in range(1, min(5000, args.missions) + 1):
        cur.execute("INSERT INTO sync_change_log (id, entity_type, entity_id, operation, "
                    "changed_at, status) VALUES (?, 'Prestation', ?, 'insert', ?, 'pending')",
                    (s, s, stamp(start)))
    cur.execute("INSERT INTO sync_config (id, enabled) VALUES (1, 0)")
    db.commit()
    db.close()
    print(f"{args.out}: {args.missions} missions, {line} equipment lines, {args.quotes} quotes, "
          f"{args.invoices} invoices, {args.items} items, {clients} clients", file=sys.stderr)


if __name__ == "__main__":
    main()
