package org.fengqiao.population.internal;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.springframework.stereotype.Component;

/**
 * Locks the place something is registered at (an address, a room) before anything of it is read or written, and
 * answers the grid the place is filed in once locked. An address moved into another grid ({@code MisplacedAddresses})
 * takes what stands at it with it (its buildings with their rooms, households, rentals), so the grid read before the
 * lock may be the one the place has just left: what is registered is filed in the grid the lock found, and refused
 * (409) when a move took the place out of the caller's jurisdiction. A room's addresses (its building's and its own)
 * are locked before the room, in the order of their ids, as a move locks them before what stands at them, so that the
 * room's grid is read after the move.
 *
 * <p>The grid is held too ({@link Jurisdictions#gridForFiling}, FOR KEY SHARE), before the place and again as the lock
 * found it, and a place found in a retired grid is refused ({@link GridRetired}): a handover (移交至网格) holds its grid
 * FOR UPDATE and then moves the addresses, so a filing that locked the address first and only met the grid at its
 * foreign key's check would wait for the handover while the handover waited for it (a deadlock, one of the two
 * failing), and one that read the address's grid without a lock would be filed into the grid the handover retired.
 */
@Component
public class PlaceLocks {

    private final Addresses addresses;
    private final Buildings buildings;
    private final Jurisdictions jurisdictions;

    PlaceLocks(Addresses addresses, Buildings buildings, Jurisdictions jurisdictions) {
        this.addresses = addresses;
        this.buildings = buildings;
        this.jurisdictions = jurisdictions;
    }

    /**
     * For a rental: the place held alone ({@link Addresses#holdAlone}, {@link Buildings#holdRoomAlone}), so that two
     * rentals of it are checked one after the other. {@code movedAway} is the conflict's message.
     */
    public Addresses.Filed holdAlone(UUID roomId, UUID addressId, Caller caller, String movedAway) {
        return hold(roomId, addressId, true, caller, movedAway);
    }

    /**
     * For a household: the place held shared ({@link Addresses#holdShared}, {@link Buildings#holdRoom}), so that a
     * move of its address waits for the household, or the household for the move, while households registered at
     * the same place at once do not wait for each other.
     */
    public Addresses.Filed holdShared(UUID roomId, UUID addressId, Caller caller, String movedAway) {
        return hold(roomId, addressId, false, caller, movedAway);
    }

    /**
     * For a building whose standard address is changed: its addresses (the one it stands at and the one chosen) held
     * shared, each one's grid first, in the order of their ids, before the building itself is locked. A move of either
     * address into another grid ({@code MisplacedAddresses}) locks the address and then the buildings at it: the change
     * waits for the move and checks the address's grid as the move left it (a building is never left in one grid at an
     * address of another), or the move waits for the change and takes the building along; locking the building first,
     * the two could wait for each other. An address that does not exist is not held: the change's check refuses it.
     */
    public void holdAddressesShared(java.util.Collection<UUID> addressIds) {
        SortedSet<UUID> held = new TreeSet<>();
        addressIds.stream().filter(java.util.Objects::nonNull).forEach(held::add);
        SortedSet<UUID> grids = new TreeSet<>();
        SortedSet<UUID> existing = new TreeSet<>();
        held.forEach(address -> addresses.find(address).ifPresent(a -> {
            grids.add(a.gridId());
            existing.add(address);
        }));
        grids.forEach(grid -> jurisdictions.gridForFiling(new GridId(grid)));
        existing.forEach(addresses::holdShared);
    }

    private Addresses.Filed hold(UUID roomId, UUID addressId, boolean alone, Caller caller, String movedAway) {
        SortedSet<UUID> held = new TreeSet<>();
        if (roomId != null) {
            held.addAll(buildings.addressesOfRoom(roomId));
        }
        if (addressId != null) {
            held.add(addressId);
        }
        // the grids the place lies in as read before its lock, held first: in the order a handover takes them
        SortedSet<UUID> grids = new TreeSet<>();
        held.forEach(address -> addresses.find(address).ifPresent(a -> grids.add(a.gridId())));
        if (roomId != null) {
            buildings.findRoom(roomId).ifPresent(r -> grids.add(r.gridId()));
        }
        grids.forEach(grid -> jurisdictions.gridForFiling(new GridId(grid)));
        Addresses.Filed place = null;
        for (UUID address : held) {
            Addresses.Filed filed = alone ? addresses.holdAlone(address) : addresses.holdShared(address);
            if (address.equals(addressId)) {
                place = filed;
            }
        }
        if (roomId != null) {
            place = alone ? buildings.holdRoomAlone(roomId) : buildings.holdRoom(roomId);
        }
        if (!caller.sees(place.unitPath())) {
            throw new Conflict(movedAway);
        }
        // held again as the lock found it: a move of the address meanwhile took the place into another grid
        Grid grid = jurisdictions.gridForFiling(new GridId(place.gridId())).orElseThrow();
        if (grid.retired()) {
            throw new GridRetired(roomId != null ? "roomId" : "addressId", grid);
        }
        return place;
    }
}
